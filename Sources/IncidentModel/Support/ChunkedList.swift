/// A list whose copies share their storage: the elements live in chunks of
/// `chunkSize`, and copying the list copies only the list of chunks.
/// Changing a copy copies just the chunk it touches.
///
/// The state's growing histories (notes, pinned evidence, action runs) use
/// it so that keeping many versions of the state is cheap: a replay keeps a
/// checkpoint every thousand events of a million-event incident, and with
/// plain arrays each checkpoint would own a copy of every note before it
/// (memory growing with the square of the incident). With chunks, two
/// versions share every full chunk they have in common.
///
/// It encodes as a plain JSON array, so stored snapshots do not change.
///
/// ```swift
/// var notes: ChunkedList<String> = ["first"]
/// let kept = notes          // shares the storage
/// notes.append("second")    // copies one chunk, not the list
/// ```
public struct ChunkedList<Element> {
    /// A power of two, so an index splits into chunk and offset with a shift and a mask.
    static var chunkShift: Int { 8 }
    public static var chunkSize: Int { 1 << chunkShift }
    static var offsetMask: Int { chunkSize - 1 }

    final class Chunk {
        var elements: ContiguousArray<Element>
        init(_ elements: ContiguousArray<Element>) { self.elements = elements }
    }

    private var chunks: [Chunk] = []
    public private(set) var count = 0

    public init() {}

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    public mutating func append(_ element: Element) {
        let offset = count & Self.offsetMask
        if offset == 0 {
            var fresh = ContiguousArray<Element>()
            fresh.reserveCapacity(Self.chunkSize)
            fresh.append(element)
            chunks.append(Chunk(fresh))
        } else {
            let last = chunks.count - 1
            makeUnique(last)
            chunks[last].elements.append(element)
        }
        count += 1
    }

    public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    /// A chunk shared with another copy is copied before it is changed.
    private mutating func makeUnique(_ chunk: Int) {
        if !isKnownUniquelyReferenced(&chunks[chunk]) {
            var copy = ContiguousArray<Element>()
            copy.reserveCapacity(Self.chunkSize)
            copy.append(contentsOf: chunks[chunk].elements)
            chunks[chunk] = Chunk(copy)
        }
    }
}

extension ChunkedList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "ChunkedList index out of range")
            return chunks[position >> Self.chunkShift].elements[position & Self.offsetMask]
        }
        // In place, so `runs[i].steps.append(step)` does not copy the run's steps.
        _modify {
            precondition(position >= 0 && position < count, "ChunkedList index out of range")
            let chunk = position >> Self.chunkShift
            makeUnique(chunk)
            yield &chunks[chunk].elements[position & Self.offsetMask]
        }
    }
}

extension ChunkedList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension ChunkedList: Equatable where Element: Equatable {
    public static func == (lhs: ChunkedList, rhs: ChunkedList) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (left, right) in zip(lhs.chunks, rhs.chunks) where left !== right {
            if left.elements != right.elements { return false }
        }
        return true
    }
}

extension ChunkedList: Encodable where Element: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for element in self { try container.encode(element) }
    }
}

extension ChunkedList: Decodable where Element: Decodable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init()
        while !container.isAtEnd { append(try container.decode(Element.self)) }
    }
}

// Like Array: a chunk is only ever changed through a list that holds the one reference to it.
extension ChunkedList: @unchecked Sendable where Element: Sendable {}

extension ChunkedList: CustomStringConvertible {
    public var description: String { Array(self).description }
}
