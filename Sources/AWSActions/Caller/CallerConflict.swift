/// A resource of a plan that is Firebreak's own identity, or a change that
/// would shut Firebreak out: acting on it could leave no one able to undo.
public struct CallerConflict: Sendable, Equatable {
    /// The resource's id in the incident.
    public var resource: String
    /// Why, for people: `is the IAM user Firebreak acts as`.
    public var reason: String

    public init(resource: String, reason: String) {
        self.resource = resource
        self.reason = reason
    }
}
