/// The log pane's memory: the newest lines of every source, oldest dropped
/// first, so memory stays flat however long an incident runs.
///
/// Generic over what a line is (`RingBufferElement`), because the console's
/// pane keeps its own lines (an incident's event or a `LogLine` with the
/// source's name) in the same ring; `LogRingBuffer` is the one of `LogLine`s.
///
/// - At most `capacity` lines are kept, and — when `byteBudget` is set — at
///   most about that many bytes of text and raw bytes (one megabyte-long line
///   per slot would otherwise make "10,000 lines" mean gigabytes).
/// - `append` is O(1) (amortised while the storage first grows to
///   `capacity`; after that every append reuses the slot of the line it drops).
/// - Positions `0..<count` run oldest to newest, so the pane indexes it like an
///   array; each line also has a `LogLineID` that stays valid while it is kept.
/// - `droppedCount` says how many lines were let go, for the pane's header.
///
/// It is a value confined to the UI thread: sources deliver lines to the UI
/// loop, which appends them.
///
/// Its code is `@inlinable`, so a module holding a `RingBuffer<LogLine>`
/// gets it specialised for `LogLine`: a line is then copied in and out as the
/// struct it is, not through generic value witnesses (a tenth of the time
/// of a filtered ingest went to those before).
///
/// ```swift
/// var buffer = LogRingBuffer(capacity: 10_000)   // RingBuffer<LogLine>
/// let id = buffer.append(line)
/// buffer.last?.text
/// buffer[id: id]          // the same line, until 10,000 newer ones arrive
/// buffer.droppedCount     // lines let go so far
/// ```
public struct RingBuffer<Element: RingBufferElement>: RandomAccessCollection, Sendable {
    /// The most lines kept.
    public let capacity: Int
    /// The most bytes (`Element.footprint`) kept, if limited; the newest line
    /// is always kept, however big.
    public let byteBudget: Int?
    /// Lines let go to make room, since the buffer was made.
    @inlinable public var droppedCount: UInt64 { dropped }
    /// Bytes currently held (`Element.footprint` summed).
    @inlinable public var footprint: Int { heldBytes }
    @inlinable public var count: Int { kept }

    // Internal (usable from inlined code) rather than private, for `@inlinable`.
    @usableFromInline var dropped: UInt64 = 0
    @usableFromInline var heldBytes = 0
    @usableFromInline var storage: [Element?] = []
    /// Where the oldest line sits in `storage`.
    @usableFromInline var head = 0
    @usableFromInline var kept = 0
    /// The id of the oldest kept line: ids are consecutive from there.
    @usableFromInline var firstID: UInt64 = 0

    /// An empty buffer keeping at most `capacity` lines (at least 1) and, if
    /// given, about `byteBudget` bytes.
    @inlinable
    public init(capacity: Int, byteBudget: Int? = nil) {
        self.capacity = Swift.max(1, capacity)
        self.byteBudget = byteBudget
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    /// The line at `position`, 0 being the oldest kept.
    @inlinable
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "log buffer position \(position) out of 0..<\(count)")
        return storage[slot(position)]!
    }

    /// The id of the line at `position`.
    @inlinable
    public func id(at position: Int) -> LogLineID {
        precondition(position >= 0 && position < count, "log buffer position \(position) out of 0..<\(count)")
        return LogLineID(firstID + UInt64(position))
    }

    /// Where the line `id` is now, or nil if it was dropped (or never added).
    @inlinable
    public func position(of id: LogLineID) -> Int? {
        guard id.value >= firstID, id.value < firstID + UInt64(count) else { return nil }
        return Int(id.value - firstID)
    }

    /// The line `id`, or nil if it was dropped.
    @inlinable
    public subscript(id id: LogLineID) -> Element? {
        position(of: id).map { self[$0] }
    }

    /// The id the next appended line will get.
    @inlinable
    public var nextID: LogLineID { LogLineID(firstID + UInt64(count)) }

    /// Adds a line as the newest, dropping the oldest when full; returns its id.
    @inlinable @discardableResult
    public mutating func append(_ line: Element) -> LogLineID {
        let line = line.detached()
        if count == storage.count {
            if storage.count < capacity {
                grow()
            } else {
                removeOldest()
            }
        }
        let id = nextID
        storage[slot(count)] = line
        kept += 1
        heldBytes += line.footprint
        if let byteBudget {
            while heldBytes > byteBudget, count > 1 { removeOldest() }
        }
        return id
    }

    /// Adds lines in order; returns the id of the first (or `nextID` if none).
    @inlinable @discardableResult
    public mutating func append(contentsOf lines: some Sequence<Element>) -> LogLineID {
        let first = nextID
        for line in lines { append(line) }
        return first
    }

    /// Drops every line (counting them as dropped); ids keep counting up.
    @inlinable
    public mutating func removeAll() {
        while count > 0 { removeOldest() }
    }

    @inlinable
    func slot(_ position: Int) -> Int {
        let index = head + position
        return index >= storage.count ? index - storage.count : index
    }

    @inlinable
    mutating func removeOldest() {
        heldBytes -= storage[head]?.footprint ?? 0
        storage[head] = nil
        head = head + 1 == storage.count ? 0 : head + 1
        kept -= 1
        firstID += 1
        dropped += 1
    }

    /// Doubles the storage (up to `capacity`), putting the oldest line first.
    @inlinable
    mutating func grow() {
        let newSize = Swift.min(capacity, Swift.max(16, storage.count * 2))
        var grown: [Element?] = []
        grown.reserveCapacity(newSize)
        for position in 0..<count { grown.append(storage[slot(position)]) }
        grown.append(contentsOf: repeatElement(nil, count: newSize - count))
        storage = grown
        head = 0
    }
}
