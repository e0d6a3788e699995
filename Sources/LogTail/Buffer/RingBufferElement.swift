/// What a `RingBuffer` holds: anything that can say roughly how much memory
/// it keeps alive, for the byte budget.
public protocol RingBufferElement: Sendable {
    /// Roughly the heap memory the element holds, in bytes.
    var footprint: Int { get }
}
