/// What a `RingBuffer` holds: anything that can say roughly how much memory
/// it keeps alive, for the byte budget.
public protocol RingBufferElement: Sendable {
    /// Roughly the heap memory the element holds, in bytes.
    var footprint: Int { get }

    /// The element as it is kept for long: a log line read as a slice of a
    /// shared chunk copies its bytes out (`LogLine.detached`), so the lines a
    /// buffer keeps hold only their own bytes, however few of a chunk it keeps.
    func detached() -> Self
}

extension RingBufferElement {
    public func detached() -> Self { self }
}
