import IncidentModel

/// A resource discovery found, how it relates to the one it was found from,
/// where it lives and who owns it (from its tags; nil is flagged).
public struct DiscoveredResource: Sendable, Equatable {
    public var reference: ResourceIdentifier
    /// e.g. `volume attached to`, `user of access key`.
    public var relation: String
    public var region: String?
    public var account: String?
    public var owner: String?

    public init(reference: ResourceIdentifier, relation: String, region: String?, account: String?, owner: String?) {
        self.reference = reference
        self.relation = relation
        self.region = region
        self.account = account
        self.owner = owner
    }
}
