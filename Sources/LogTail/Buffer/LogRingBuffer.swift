extension LogLine: RingBufferElement {}

/// The newest `LogLine`s of every source (see `RingBuffer`).
public typealias LogRingBuffer = RingBuffer<LogLine>
