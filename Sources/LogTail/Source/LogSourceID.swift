/// Names a log source for as long as the incident lasts: `file:/var/log/auth.log`,
/// `cwl:/aws/lambda/payments`, `cloudtrail:i-0abc…`.
///
/// Lines carry it, filters toggle by it, and the database will key stored
/// lines and cursors by it, so it must be stable across restarts.
public struct LogSourceID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        rawValue = value
    }

    public var description: String { rawValue }

    public static func < (lhs: LogSourceID, rhs: LogSourceID) -> Bool { lhs.rawValue < rhs.rawValue }
}
