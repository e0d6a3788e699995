/// A drill's emulator started again (`firebreak drill --resume`), with the
/// scenario seeded again, on a new loopback port: from here every AWS call
/// made for the incident goes to `endpoint`.
public struct DrillResumed: Codable, Sendable, Equatable {
    public static let kind = "drill.resumed"
    /// `http://127.0.0.1:PORT`, as `IncidentOpened.drillEndpoint`.
    public var endpoint: String

    public init(endpoint: String) { self.endpoint = endpoint }
}
