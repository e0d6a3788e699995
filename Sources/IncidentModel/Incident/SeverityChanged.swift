/// `severity.changed`: the incident is rated anew (a SEV3 that turns out to
/// reach production data becomes a SEV1). The header, `show` and the report
/// carry the latest; the timeline keeps every change.
public struct SeverityChanged: Codable, Sendable, Equatable {
    public static let kind = "severity.changed"
    /// The severity it had, checked against the incident's when recorded (two responders cannot race past each other).
    public var from: Severity
    public var to: Severity
    /// Why, when the responder said.
    public var reason: String?

    public init(from: Severity, to: Severity, reason: String? = nil) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}
