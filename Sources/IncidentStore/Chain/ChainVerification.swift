import IncidentModel

/// The result of checking one incident's hash chain.
public struct ChainVerification: Sendable, Equatable {
    public var incident: IncidentID
    /// Events that verified before the first problem (all of them when intact).
    public var verifiedEvents: Int64
    /// The hash of the last event that verified: the value a report carries.
    public var headHash: String
    /// The first problem found, or nil when the chain is intact.
    public var problem: ChainProblem?

    public var isIntact: Bool { problem == nil }
}

/// The first event at which a chain stops verifying, and why.
public struct ChainProblem: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int64
    public var reason: String

    public init(seq: Int64, reason: String) {
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "event #\(seq): \(reason)" }
}
