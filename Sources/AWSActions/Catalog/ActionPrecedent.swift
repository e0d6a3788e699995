/// A run of another action that should come first, for each resource
/// (`"precededBy": [{"action": "ec2.capture-memory", "otherwise": "…"}]`):
/// when the incident holds no successful, real run of it for a resource, the
/// plan says `otherwise` for that resource. It warns; it does not refuse.
public struct ActionPrecedent: Sendable, Equatable {
    /// The catalog id of the action that should have run.
    public var action: String
    /// What the plan says for a resource it has not run for.
    public var otherwise: String

    public init(action: String, otherwise: String) {
        self.action = action
        self.otherwise = otherwise
    }
}
