import Foundation
import IncidentModel

/// What one append adds to an incident's chain, worked out before anything is
/// written: each payload validated against the state before it, numbered,
/// dated, hashed onto the head and folded, and the head signed at a
/// checkpoint or at close. Every store prepares its appends here and only
/// inserts the result, so a chain recorded in one store is, byte for byte, a
/// chain recorded in another.
///
/// Runs inside the store's write transaction: `state` and `headHash` are the
/// incident as the transaction sees it, and nothing here touches the database.
public struct AppendPreparation {
    /// The incident after every event prepared so far.
    public private(set) var state: IncidentState
    /// The hash of the last event prepared (the incident's head once committed).
    public private(set) var headHash: String
    /// Every event to insert, in chain order.
    public private(set) var events: [RecordedEvent] = []
    /// The events of each group (`add(_:actor:)`), the signatures with the last group that wrote.
    public private(set) var groups: [[RecordedEvent]] = []
    /// The heads signed by this append, for the signer's journal once it has committed.
    public private(set) var signedHeads: [TrustedHead] = []
    /// Both clocks' "now" for every event of this append.
    public let now: Date

    /// Events between two signed checkpoints of the chain (and of the stores' folded state).
    public static let checkpointInterval: Int64 = 256

    public init(state: IncidentState, headHash: String, now: Date = Timestamp.normalized(Date())) {
        self.state = state
        self.headHash = headHash
        self.now = now
    }

    /// The first event of a new incident numbered `number`.
    public init(opening opened: IncidentOpened, number: IncidentID, actor: String, at: Date?,
                now: Date = Timestamp.normalized(Date())) throws {
        let event = Event(incident: number, seq: 1, at: at ?? now, recordedAt: now, actor: actor, payload: .incidentOpened(opened))
        self.init(state: try IncidentState(opening: event), headHash: EventHash.genesis, now: now)
        events = [try Self.chained(event, after: EventHash.genesis)]
        headHash = events[0].hash
        groups = [events]
    }

    /// Validates, numbers, dates, hashes and folds one event.
    @discardableResult
    public mutating func add(_ payload: EventPayload, actor: String, at: Date?) throws -> RecordedEvent {
        try state.validate(payload)
        return try chain(payload, actor: actor, at: at)
    }

    /// One event onto the head, unvalidated: the store's own signatures, which follow a close too.
    @discardableResult
    private mutating func chain(_ payload: EventPayload, actor: String, at: Date?) throws -> RecordedEvent {
        let event = Event(incident: state.incident.id, seq: state.lastSeq + 1, at: at ?? now, recordedAt: now,
                          actor: actor, payload: payload)
        let recorded = try Self.chained(event, after: headHash)
        state.apply(event)
        headHash = recorded.hash
        events.append(recorded)
        return recorded
    }

    /// Each group's `decide` seeing the state the groups before it left, its events dated by its own `at`.
    public mutating func add(_ groups: [AppendGroup], actor: String) throws {
        for group in groups {
            let payloads = try group.decide(state)
            var recorded: [RecordedEvent] = []
            for payload in payloads { recorded.append(try add(payload, actor: actor, at: group.at)) }
            self.groups.append(recorded)
        }
    }

    /// Signs the head when this append closes the incident or reaches the next
    /// checkpoint after `checkpointSeq`; nothing when it wrote nothing.
    /// `signingKeys`: the bodies of the incident's recorded `chain.signing-key` events.
    public mutating func signIfDue(after checkpointSeq: Int64, signer: HeadSigner?, signingKeys: () throws -> [String]) throws {
        guard !events.isEmpty else { return }
        let closes = events.contains { if case .incidentClosed = $0.event.payload { return true } else { return false } }
        guard closes || state.lastSeq - checkpointSeq >= Self.checkpointInterval else { return }
        let before = events.count
        try signHead(signer: signer, reason: closes ? .close : .checkpoint, signingKeys: signingKeys)
        // The key and the signature go with the last group that wrote: they cover every event before them.
        if let last = groups.lastIndex(where: { !$0.isEmpty }) { groups[last] += events[before...] }
    }

    /// Appends the signer's key (the first time they sign this incident) and a
    /// signature over the head before it. Nothing when there is no signer or its key cannot be loaded.
    public mutating func signHead(signer: HeadSigner?, reason: HeadSigned.Reason, signingKeys: () throws -> [String]) throws {
        guard let signer, let key = signer.key() else { return }
        let incident = state.incident.id
        let fingerprint = SigningKeyFingerprint.of(key.publicKey)
        let known = try signingKeys().compactMap { try? JSONDecoder().decode(SigningKeyRecorded.self, from: Data($0.utf8)) }
        if !known.contains(where: { $0.fingerprint == fingerprint && $0.operatorName == signer.operatorName }) {
            try chain(.signingKeyRecorded(SigningKeyRecorded(
                operatorName: signer.operatorName, publicKey: key.publicKey.rawRepresentation.base64EncodedString(), fingerprint: fingerprint)),
                    actor: signer.operatorName, at: now)
        }
        let seq = state.lastSeq, head = headHash
        let signature = try HeadSigner.signature(key, incident: incident, seq: seq, headHash: head)
        try chain(.headSigned(HeadSigned(seq: seq, headHash: head, fingerprint: fingerprint, signature: signature, reason: reason)),
                actor: signer.operatorName, at: now)
        signedHeads.append(TrustedHead(incident: incident, seq: seq, headHash: head, operatorName: signer.operatorName,
                                       fingerprint: fingerprint, signature: signature, signedAt: now))
    }

    /// The last `chain.head-signed` event prepared, if any.
    public var lastSignature: HeadSigned? {
        events.last.flatMap { if case .headSigned(let body) = $0.event.payload { return body } else { return nil } }
    }

    /// The event as it will be stored: its canonical body and its hash after `prevHash`.
    static func chained(_ event: Event, after prevHash: String) throws -> RecordedEvent {
        let body = try event.payload.encodedBody()
        return RecordedEvent(event: event, body: body, prevHash: prevHash, hash: EventHash.hash(of: event, body: body, prevHash: prevHash))
    }
}
