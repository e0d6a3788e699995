import Foundation
import IncidentModel

/// One incident's whole record, as stored: its events exactly as recorded
/// (bodies, hashes), the outputs they keep by hash, and its kept log lines
/// with their cursors. What moves between stores (`firebreak export`,
/// `firebreak import-incident`), so the chain — and its head — stay the same.
public struct IncidentRecord: Sendable {
    public var incident: IncidentID
    public var events: [RecordedEvent]
    /// SHA-256 → bytes, for every body an event refers to.
    public var bodies: [String: Data]
    public var keptLines: [KeptLogLine]
    public var keptDropped: Int64
    public var keptCursors: [String: String]

    public init(incident: IncidentID, events: [RecordedEvent], bodies: [String: Data], keptLines: [KeptLogLine] = [],
                keptDropped: Int64 = 0, keptCursors: [String: String] = [:]) {
        self.incident = incident
        self.events = events
        self.bodies = bodies
        self.keptLines = keptLines
        self.keptDropped = keptDropped
        self.keptCursors = keptCursors
    }

    /// Reads one incident's record from any store, refusing one whose chain does not verify.
    public static func read(_ incident: IncidentID, from store: any IncidentEventStore) throws -> IncidentRecord {
        guard let verification = try store.verify(incident).first else { throw StoreError.unknownIncident(incident) }
        if let problem = verification.problem {
            throw StoreError.corrupt(path: "\(incident)", reason: "\(problem); not copied")
        }
        let events = try store.events(of: incident, since: 0)
        var bodies: [String: Data] = [:]
        for reference in events.flatMap(\.bodyReferences) where bodies[reference.sha256] == nil {
            guard let data = try store.body(sha256: reference.sha256) else {
                throw StoreError.corrupt(path: "\(incident)", reason: "the output kept under \(reference.sha256.prefix(12))… is missing; not copied")
            }
            bodies[reference.sha256] = data
        }
        var record = IncidentRecord(incident: incident, events: events, bodies: bodies)
        if let kept = store as? any KeptLogLineStore {
            (record.keptLines, record.keptDropped) = try kept.keptLines(of: incident)
            record.keptCursors = try kept.keptCursors(of: incident)
        }
        return record
    }

    /// Checks the record by the one chain walk, before anything is written with it; returns its verification.
    public func verified() throws -> ChainVerification {
        let report = try ChainVerifier.verify(incident, anchors: .none, source: InMemoryChain(record: self))
        guard let chain = report.chains.first, chain.isIntact else {
            throw StoreError.corrupt(path: "\(incident)", reason: "\(report.chains.first?.problem.map { "\($0)" } ?? "no events"); nothing was written")
        }
        return chain
    }

    /// The state the events fold to.
    public func folded() throws -> IncidentState {
        try IncidentState.replaying(events.map(\.event))
    }
}

extension RecordedEvent {
    /// The outputs this event keeps by hash.
    var bodyReferences: [StoredBody] {
        if case .actionStepFinished(let finished) = event.payload {
            return [finished.step.stdoutBody, finished.step.stderrBody].compactMap { $0 }
        }
        return []
    }
}

/// A record checked where it stands, its projection the fold of its events.
private struct InMemoryChain: ChainRecordSource {
    let record: IncidentRecord

    func chainIncidentIDs() throws -> [Int] { [record.incident.rawValue] }

    func chainEvents(of incident: IncidentID) throws -> [StoredEventRow] {
        record.events.map { recorded in
            StoredEventRow(seq: recorded.event.seq, atMilliseconds: recorded.event.at.millisecondsSince1970,
                           recordedAtMilliseconds: recorded.event.recordedAt.millisecondsSince1970, actor: recorded.event.actor,
                           kind: recorded.event.payload.kind, body: recorded.body, prevHash: recorded.prevHash, hash: recorded.hash)
        }
    }

    func chainProjection(of incident: IncidentID) throws -> StoredProjection? {
        guard let last = record.events.last, let state = try? record.folded() else { return nil }
        return StoredProjection.of(state, headHash: last.hash, checkpoint: nil)
    }

    func chainBodyProblem(_ reference: StoredBody) throws -> String? {
        guard let data = record.bodies[reference.sha256] else {
            return "the output it keeps by hash (body \(reference.sha256.prefix(12))…) is missing"
        }
        return data.count == reference.bytes && SQLiteIncidentStore.sha256(data) == reference.sha256 ? nil : "the output it keeps by hash (body \(reference.sha256.prefix(12))…) was altered"
    }
}

extension StoredProjection {
    /// The projection row a store writes for `state`; `checkpoint`: the snapshot JSON stored with it, if any.
    static func of(_ state: IncidentState, headHash: String, checkpoint: String?) -> StoredProjection {
        let incident = state.incident
        return StoredProjection(columns: [
            "title": .text(incident.title), "severity": .integer(Int64(incident.severity.rawValue)),
            "status": .text(incident.status.rawValue), "phase": .text(state.phase.rawValue),
            "opened_at": .integer(incident.openedAt.millisecondsSince1970),
            "closed_at": incident.closedAt.map { .integer($0.millisecondsSince1970) } ?? .null,
            "updated_at": .integer(state.lastRecordedAt.millisecondsSince1970),
        ], lastSeq: state.lastSeq, headHash: headHash, stateSeq: checkpoint == nil ? -1 : state.lastSeq, state: checkpoint ?? "")
    }
}

/// A store that can take a whole incident's record as it was recorded elsewhere.
public protocol IncidentRecordImporting: IncidentEventStore {
    /// Writes the record in one transaction, under the incident's own number (the
    /// chain covers it), refusing it when this store already has that incident or
    /// the record does not verify. Returns the verification of what was written.
    @discardableResult
    func importIncident(_ record: IncidentRecord) throws -> ChainVerification
}
