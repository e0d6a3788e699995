/// A line's identity in a `LogRingBuffer`: the number of lines appended
/// before it. It never changes while the line is kept and is never reused,
/// so the pane can hold on to a selected or pinned line while others arrive
/// and old ones are dropped.
public struct LogLineID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    public var description: String { "#\(value)" }

    public static func < (lhs: LogLineID, rhs: LogLineID) -> Bool { lhs.value < rhs.value }
}
