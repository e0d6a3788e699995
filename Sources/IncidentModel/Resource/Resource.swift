import Foundation

/// An AWS resource that is part of an incident, and its path through the states.
public struct Resource: Codable, Sendable, Equatable, Identifiable {
    /// The id or ARN it was added with; unique within the incident.
    public var id: String
    public var kind: ResourceKind
    public var region: String?
    public var account: String?
    public var owner: String?
    public var state: ResourceState
    public var addedAt: Date
    public var addedBy: String
    /// Every state it has been in, oldest first; the last is `state`.
    public var history: [ResourceStateChange]
    /// The resource it was discovered from, and how they relate (nil when added directly).
    public var foundVia: ResourceLink?

    public init(id: String, kind: ResourceKind, region: String? = nil, account: String? = nil, owner: String? = nil,
                state: ResourceState, addedAt: Date, addedBy: String, history: [ResourceStateChange] = [], foundVia: ResourceLink? = nil) {
        self.foundVia = foundVia
        self.id = id
        self.kind = kind
        self.region = region
        self.account = account
        self.owner = owner
        self.state = state
        self.addedAt = addedAt
        self.addedBy = addedBy
        self.history = history
    }

    /// The id without ARN decoration: `i-0abc…` for an instance ARN, a role's
    /// name without its path, `bucket/key` for an object's ARN, the bucket for `s3://bucket`.
    public var shortID: String {
        if id.hasPrefix("arn:"), let arn = try? ARN(parsing: id) { return arn.resourceName }
        if id.hasPrefix("s3://") { return String(id.dropFirst(5)) }
        return id
    }
}

/// One step of a resource's path through the states.
public struct ResourceStateChange: Codable, Sendable, Equatable {
    public var state: ResourceState
    public var at: Date
    public var by: String
    public var reason: String?

    public init(state: ResourceState, at: Date, by: String, reason: String? = nil) {
        self.state = state
        self.at = at
        self.by = by
        self.reason = reason
    }
}
