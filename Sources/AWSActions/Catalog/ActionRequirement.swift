/// A precondition: a value the record steps must have found before anything
/// changes, e.g. "a snapshot tagged with this incident exists" before a stop.
public struct ActionRequirement: Sendable, Equatable {
    /// The capture that must be non-empty.
    public var value: String
    /// Said when it is empty, with how to proceed.
    public var reason: String

    public init(value: String, reason: String) {
        self.value = value
        self.reason = reason
    }
}
