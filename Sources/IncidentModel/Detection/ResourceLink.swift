/// Where a resource was found: the resource it was discovered from and how
/// they relate (`volume attached to`, `user of access key`), so the resources
/// can be shown as a tree — the blast radius.
public struct ResourceLink: Codable, Sendable, Equatable {
    /// The incident resource it was found from, as that resource was added.
    public var from: String
    /// How it relates to `from`, in words, e.g. `volume attached to`.
    public var relation: String

    public init(from: String, relation: String) {
        self.from = from
        self.relation = relation
    }
}
