import Foundation

/// An indicator of compromise as the incident keeps it: its kind and value,
/// once, with every place it was seen, oldest first.
public struct CompromiseIndicator: Codable, Sendable, Equatable, Identifiable {
    public var kind: IndicatorKind
    public var value: String
    public var seen: [Sighting]

    /// `ip-address:198.51.100.7`.
    public var id: String { CompromiseIndicator.key(kind, value) }

    static func key(_ kind: IndicatorKind, _ value: String) -> String { "\(kind.rawValue):\(value)" }

    /// Where and when one source named it.
    public struct Sighting: Codable, Sendable, Equatable {
        public var source: String
        public var field: String
        public var at: Date
        public var by: String

        public init(source: String, field: String, at: Date, by: String) {
            self.source = source
            self.field = field
            self.at = at
            self.by = by
        }
    }

    public init(kind: IndicatorKind, value: String, seen: [Sighting]) {
        self.kind = kind
        self.value = value
        self.seen = seen
    }

    /// The address as a CIDR to deny (`/32` or `/128`); nil for anything but an IP address.
    public var cidr: String? {
        guard kind == .ipAddress else { return nil }
        if value.contains("/") { return value }
        return value.contains(":") ? "\(value)/128" : "\(value)/32"
    }
}

extension IncidentState {
    /// The CIDRs of the incident's IP-address indicators, in the order first seen
    /// (what `ec2.nacl-deny-cidrs` is offered).
    public var indicatorCIDRs: [String] { indicators.compactMap(\.cidr) }
}
