import Foundation
import IncidentModel
import IncidentStore
import PostgresNIO

/// The shared incident store: the same event log as `SQLiteIncidentStore`, on a
/// PostgreSQL server, so consoles and commands on several machines work one incident.
///
/// - The chain is computed by the same `EventHash` over the same columns, so a
///   chain recorded here verifies byte for byte as one recorded in SQLite.
/// - An append runs in one transaction that first locks the incident's row
///   (`SELECT … FOR UPDATE`): one incident's writers take turns, each `decide`
///   sees every event committed before it, and no two events share a seq.
/// - Every commit that wrote notifies `firebreak_changes`, which the change
///   watcher listens to (`LISTEN`), so other machines see it at once.
/// - Readers open read-only sessions (`SET SESSION CHARACTERISTICS AS
///   TRANSACTION READ ONLY`) and read each answer from one snapshot.
public final class PostgresIncidentStore: IncidentEventStore, @unchecked Sendable {
    public enum Mode: Sendable {
        /// Creates the schema (or migrates it) when needed.
        case readWrite
        /// Never writes: the session is read-only on the server, and a database without the schema is refused.
        case readOnly
    }

    public let location: PostgresLocation
    public let mode: Mode
    /// Signs heads at checkpoints and at close; nil writes no signatures.
    public let signer: HeadSigner?
    let session: BlockingPostgresConnection
    /// The last state this process read or wrote, so the next append reads only newer events.
    let cache = StateCache()

    /// Events between two checkpoints of the folded state (as SQLite's).
    static let checkpointInterval = AppendPreparation.checkpointInterval

    public init(location: PostgresLocation, mode: Mode = .readWrite, signer: HeadSigner? = nil) throws {
        self.location = location
        self.mode = mode
        self.signer = signer
        session = try BlockingPostgresConnection(location: location, readOnly: mode == .readOnly)
        try PostgresSchema.prepare(session, migrate: mode == .readWrite)
    }

    /// Closes the connection (it is also closed when the store goes away).
    public func close() { session.close() }

    // MARK: - Writing

    public func openIncident(_ opened: IncidentOpened, actor: String, at: Date?) throws -> IncidentState {
        try opened.validate()
        let state = try write { connection in
            // Numbering is serialised by an advisory lock held to the commit: two opens never pick one number.
            try self.session.rows(connection, "SELECT pg_advisory_xact_lock(\(PostgresSchema.numberingLock))")
            let next = try self.session.rows(connection, "SELECT COALESCE(MAX(id), 0)::bigint + 1 FROM incidents")[0].decode(Int64.self)
            let prepared = try AppendPreparation(opening: opened, number: IncidentID(rawValue: Int(next)), actor: actor, at: at)
            try self.record(prepared, checkpointSeq: 0, connection)
            return prepared.state
        }
        cache.remember(state)
        return state
    }

    @discardableResult
    public func append(to incident: IncidentID, actor: String, groups: [AppendGroup]) throws -> GroupedAppendResult {
        let prepared = try write { connection in
            let (state, headHash, checkpointSeq) = try self.loadState(incident, lockingFor: true, connection)
            var prepared = AppendPreparation(state: state, headHash: headHash)
            try prepared.add(groups, actor: actor)
            if !prepared.events.isEmpty {
                try prepared.signIfDue(after: checkpointSeq, signer: self.signer) { try self.signingKeys(of: incident, connection) }
                try self.record(prepared, checkpointSeq: checkpointSeq, refreshCheckpoint: self.cache.isCheckpointStale(incident), connection)
            }
            return prepared
        }
        // Only once committed: a failed commit must not leave a state that never happened.
        cache.remember(prepared.state)
        signer?.journal(prepared.signedHeads)
        return GroupedAppendResult(events: prepared.groups, state: prepared.state)
    }

    public func signHead(of incident: IncidentID) throws -> HeadSigned? {
        let prepared = try write { connection in
            let (state, headHash, checkpointSeq) = try self.loadState(incident, lockingFor: true, connection)
            var prepared = AppendPreparation(state: state, headHash: headHash)
            try prepared.signHead(signer: self.signer, reason: .request) { try self.signingKeys(of: incident, connection) }
            if !prepared.events.isEmpty { try self.record(prepared, checkpointSeq: checkpointSeq, connection) }
            return prepared
        }
        cache.remember(prepared.state)
        signer?.journal(prepared.signedHeads)
        return prepared.lastSignature
    }

    /// The bodies of the incident's recorded signing keys.
    private func signingKeys(of incident: IncidentID, _ connection: PostgresConnection) throws -> [String] {
        try session.rows(connection, """
            SELECT payload FROM events WHERE incident_id = \(Int64(incident.rawValue)) AND kind = \(SigningKeyRecorded.kind)
            """).map { try $0.decode(String.self) }
    }

    func write<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        guard mode == .readWrite else { throw StoreError.readOnly(path: location.description) }
        return try session.inTransaction(body)
    }

    /// Writes a prepared append in one statement, one round trip however many
    /// events it holds: the events, the projection (and the folded state when
    /// a checkpoint is due after `checkpointSeq`) and the notification.
    private func record(_ prepared: AppendPreparation, checkpointSeq: Int64, refreshCheckpoint: Bool = false,
                        _ connection: PostgresConnection) throws {
        let state = prepared.state
        let due = refreshCheckpoint || checkpointSeq == 0 || state.lastSeq - checkpointSeq >= Self.checkpointInterval
        try session.rows(connection, PostgresAppendStatement.query(events: prepared.events, state: state, headHash: prepared.headHash,
                                                                  checkpoint: due ? try StateSnapshot.encode(state) : nil))
        if due { cache.markCheckpointStale(state.incident.id, false) }
    }

    /// Inserts events, hashes and all, as they are, in one statement.
    func insert(_ events: [RecordedEvent], _ connection: PostgresConnection) throws {
        try session.rows(connection, PostgresAppendStatement.insertEvents(events))
    }

    func saveProjection(_ state: IncidentState, headHash: String, refreshCheckpoint: Bool = false,
                                _ connection: PostgresConnection) throws {
        let incident = state.incident
        let id = Int64(incident.id.rawValue)
        try session.rows(connection, """
            INSERT INTO incidents
                (id, title, severity, status, phase, opened_at, closed_at, updated_at, last_seq, head_hash, state_seq, state)
            VALUES (\(id), \(incident.title), \(Int64(incident.severity.rawValue)), \(incident.status.rawValue), \(state.phase.rawValue),
                    \(incident.openedAt.millisecondsSince1970), \(incident.closedAt?.millisecondsSince1970),
                    \(state.lastRecordedAt.millisecondsSince1970), \(state.lastSeq), \(headHash), 0, '')
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, severity = excluded.severity, status = excluded.status, phase = excluded.phase,
                opened_at = excluded.opened_at, closed_at = excluded.closed_at, updated_at = excluded.updated_at,
                last_seq = excluded.last_seq, head_hash = excluded.head_hash
            """)
        let checkpointSeq = try session.rows(connection, "SELECT state_seq FROM incidents WHERE id = \(id)").first?.decode(Int64.self) ?? 0
        if refreshCheckpoint || checkpointSeq == 0 || state.lastSeq - checkpointSeq >= Self.checkpointInterval {
            try session.rows(connection, """
                INSERT INTO checkpoints (incident_id, seq, state) VALUES (\(id), \(state.lastSeq), \(try StateSnapshot.encode(state)))
                ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq, state = excluded.state
                """)
            try session.rows(connection, "UPDATE incidents SET state_seq = \(state.lastSeq) WHERE id = \(id)")
            cache.markCheckpointStale(incident.id, false)
        }
    }

    // MARK: - Reading

    /// Runs `body` in one read-only snapshot.
    func read<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try session.inTransaction(consistentRead: true, body)
    }

    public func state(of incident: IncidentID) throws -> IncidentState {
        try read { connection in try self.loadState(incident, lockingFor: false, connection).state }
    }

    public func incidents(includeClosed: Bool) throws -> [IncidentSummary] {
        try read { connection in
            try self.session.rows(connection, """
                SELECT id, title, severity, status, phase, opened_at, closed_at, updated_at, last_seq FROM incidents
                WHERE \(includeClosed) OR status = 'open' ORDER BY updated_at DESC, id DESC
                """).map { row in
                let (id, title, severity, status, phase, openedAt, closedAt, updatedAt, lastSeq) =
                    try row.decode((Int64, String, Int64, String, String, Int64, Int64?, Int64, Int64).self)
                return IncidentSummary(
                    id: IncidentID(rawValue: Int(id)), title: title,
                    severity: Severity(rawValue: Int(severity)) ?? Severity(rawValue: 4)!,
                    status: IncidentStatus(rawValue: status) ?? .open, phase: Phase(rawValue: phase) ?? .readiness,
                    openedAt: Date(millisecondsSince1970: openedAt), closedAt: closedAt.map(Date.init(millisecondsSince1970:)),
                    updatedAt: Date(millisecondsSince1970: updatedAt), eventCount: lastSeq)
            }
        }
    }

    public func events(of incident: IncidentID, since seq: Int64) throws -> [RecordedEvent] {
        try read { connection in
            guard try !self.session.rows(connection, "SELECT 1 FROM incidents WHERE id = \(Int64(incident.rawValue))").isEmpty else {
                throw StoreError.unknownIncident(incident)
            }
            return try self.fetchEvents(incident, since: seq, connection)
        }
    }

    /// The incident's state, head hash and checkpoint seq, reading as little as it
    /// can (as SQLite's): the cached state plus newer events, else the checkpoint
    /// plus newer events, else a fold of every event. `lockingFor` write: the
    /// incident's row is locked to the commit, so its writers take turns.
    func loadState(_ incident: IncidentID, lockingFor write: Bool, _ connection: PostgresConnection) throws
        -> (state: IncidentState, headHash: String, checkpointSeq: Int64) {
        let id = Int64(incident.rawValue)
        let rows = write
            ? try session.rows(connection, "SELECT last_seq, head_hash, state_seq FROM incidents WHERE id = \(id) FOR UPDATE")
            : try session.rows(connection, "SELECT last_seq, head_hash, state_seq FROM incidents WHERE id = \(id)")
        guard let row = rows.first else { throw StoreError.unknownIncident(incident) }
        let (lastSeq, headHash, checkpointSeq) = try row.decode((Int64, String, Int64).self)
        var state: IncidentState
        if let cached = cache.state(of: incident), cached.lastSeq <= lastSeq, cached.lastSeq >= checkpointSeq {
            state = cached
        } else if let text = try checkpointText(incident, at: checkpointSeq, connection),
                  let checkpoint = try? StateSnapshot.decode(text), checkpoint.lastSeq == checkpointSeq {
            state = checkpoint
        } else {
            let events = try fetchEvents(incident, since: 0, connection)
            guard !events.isEmpty else { throw StoreError.corrupt(path: location.description, reason: "\(incident) has no events") }
            state = try IncidentState.replaying(events.map(\.event))
            cache.markCheckpointStale(incident, true)
        }
        if state.lastSeq < lastSeq {
            for recorded in try fetchEvents(incident, since: state.lastSeq, connection) { state.apply(recorded.event) }
        }
        guard state.lastSeq == lastSeq else {
            throw StoreError.corrupt(path: location.description, reason: "\(incident)'s events end at #\(state.lastSeq) but its head is #\(lastSeq)")
        }
        cache.remember(state)
        return (state, headHash, checkpointSeq)
    }

    /// The stored checkpoint's JSON when it is at `seq`. A database from before the checkpoint
    /// table (read-only sessions read it as it is) has none: its old one was of another reducer version.
    func checkpointText(_ incident: IncidentID, at seq: Int64, _ connection: PostgresConnection) throws -> String? {
        guard seq > 0, try hasCheckpointTable(connection) else { return nil }
        return try session.rows(connection, """
            SELECT state FROM checkpoints WHERE incident_id = \(Int64(incident.rawValue)) AND seq = \(seq)
            """).first?.decode(String.self)
    }

    /// Whether the `checkpoints` table exists (always, once this build has migrated the database).
    func hasCheckpointTable(_ connection: PostgresConnection) throws -> Bool {
        if mode == .readWrite { return true }
        return try session.rows(connection, "SELECT to_regclass('checkpoints') IS NOT NULL").first?.decode(Bool.self) ?? false
    }

    func fetchEvents(_ incident: IncidentID, since seq: Int64, through last: Int64 = .max, _ connection: PostgresConnection) throws -> [RecordedEvent] {
        try session.rows(connection, """
            SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
            FROM events WHERE incident_id = \(Int64(incident.rawValue)) AND seq > \(seq) AND seq <= \(last) ORDER BY seq
            """).map { try recordedEvent($0) }
    }

    func recordedEvent(_ row: PostgresRow) throws -> RecordedEvent {
        let (incident, seq, at, recordedAt, actor, kind, body, prevHash, hash) =
            try row.decode((Int64, Int64, Int64, Int64, String, String, String, String, String).self)
        let payload: EventPayload
        do {
            payload = try EventPayload.decode(kind: kind, body: body)
        } catch {
            throw StoreError.corrupt(path: location.description, reason: "event #\(seq) of INC-\(incident) does not decode as \(kind)")
        }
        let event = Event(incident: IncidentID(rawValue: Int(incident)), seq: seq, at: Date(millisecondsSince1970: at),
                          recordedAt: Date(millisecondsSince1970: recordedAt), actor: actor, payload: payload)
        return RecordedEvent(event: event, body: body, prevHash: prevHash, hash: hash)
    }
}
