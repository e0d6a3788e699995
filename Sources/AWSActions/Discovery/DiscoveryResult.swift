/// What discovery found from one resource: related resources, facts worth a
/// note (a bucket's policy and public-access state, a user's inline policies),
/// the owner of the starting resource, and the calls that could not be made.
public struct DiscoveryResult: Sendable, Equatable {
    public var related: [DiscoveredResource] = []
    /// One line each, e.g. `public access block: missing (nothing blocks public access)`.
    public var facts: [String] = []
    /// The starting resource's owner, from its tags.
    public var owner: String?
    /// Calls that failed, with the reason: discovery reports what it could see.
    public var problems: [String] = []

    public init() {}

    mutating func add(_ resource: DiscoveredResource) {
        guard !related.contains(where: { $0.reference.id == resource.reference.id }) else { return }
        related.append(resource)
    }
}
