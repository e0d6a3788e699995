import IncidentModel

/// The result of checking one incident's hash chain.
public struct ChainVerification: Sendable, Equatable {
    public var incident: IncidentID
    /// Events that verified before the first problem (all of them when intact).
    public var verifiedEvents: Int64
    /// The hash of the last event that verified: the value a report carries.
    public var headHash: String
    /// The hash of the last event stored, whether it verified or not: the
    /// incident's head as the store holds it (nil when no event is stored).
    /// The same as `headHash` when the chain is intact.
    public var storedHeadHash: String?
    /// The first problem found, or nil when the chain is intact.
    public var problem: ChainProblem?
    /// The heads signed in the chain, oldest first; each signature verified against the key recorded before it.
    public var signatures: [HeadSignatureCheck] = []
    /// Events committed only to the -wal beside the database file, not yet to the file itself:
    /// a copy of the file alone would lack them (0 when none, nil when it could not be told).
    public var eventsOnlyInWAL: Int64? = 0
    /// What outside anchors (expected or journalled heads) were checked and agreed, one line each.
    public var agreeingAnchors: [String] = []

    public init(incident: IncidentID, verifiedEvents: Int64, headHash: String, problem: ChainProblem?) {
        self.incident = incident
        self.verifiedEvents = verifiedEvents
        self.headHash = headHash
        self.problem = problem
    }

    public var isIntact: Bool { problem == nil }
}

/// One signed head of a chain.
public struct HeadSignatureCheck: Sendable, Equatable {
    /// The seq of the head that was signed.
    public var seq: Int64
    public var operatorName: String
    public var fingerprint: String
    public var reason: HeadSigned.Reason
    /// Whether the key is one the reviewer trusts for that operator; nil when no trusted keys were given.
    public var trusted: Bool?
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
