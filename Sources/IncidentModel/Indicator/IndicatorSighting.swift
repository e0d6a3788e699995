/// One indicator as a source names it: what it is, its value, and the field it was read from.
public struct IndicatorSighting: Codable, Sendable, Equatable, Hashable {
    public var kind: IndicatorKind
    /// The value, one terminal-safe line (an attacker chooses user agents and domains).
    public var value: String
    /// Where in the source it was read, e.g. `Service.Action.AwsApiCallAction.RemoteIpDetails.IpAddressV4`.
    public var field: String

    public init(kind: IndicatorKind, value: String, field: String) {
        self.kind = kind
        self.value = value
        self.field = field
    }
}
