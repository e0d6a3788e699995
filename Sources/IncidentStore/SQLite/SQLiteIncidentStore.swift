import Foundation
import GRDB
import IncidentModel

/// The embedded incident store: one SQLite file through GRDB.
///
/// - WAL mode, so readers (other consoles) never block the writer.
/// - `synchronous=FULL`: every acknowledged event is on disk, even across a
///   power cut, at the price of one fsync per append (see docs/ARCHITECTURE.md).
/// - Appends run in `BEGIN IMMEDIATE` transactions, so several processes can
///   write one incident at once without forking its hash chain.
///
/// ```swift
/// let store = try SQLiteIncidentStore(path: "/tmp/incidents.db")
/// let state = try store.openIncident(IncidentOpened(title: "Leaked key", severity: Severity(rawValue: 2)!),
///                                    actor: "alice", at: nil)
/// try store.append(to: state.incident.id, actor: "alice", at: nil) { _ in
///     [.phaseEntered(PhaseEntered(phase: .detection))]
/// }
/// ```
public final class SQLiteIncidentStore: IncidentEventStore {
    public enum Mode: Sendable {
        /// Creates the file (0600, in a 0700 folder) and migrates the schema when needed.
        case readWrite
        /// Opens an existing file with SQLite's read-only flag: nothing can write through it.
        case readOnly
    }

    public let path: String
    public let mode: Mode
    /// Signs heads at checkpoints and at close; nil writes no signatures.
    public let signer: HeadSigner?
    /// Set when the database sits where this user cannot write (a read-only
    /// mount, a 0555 folder): it is read from a private copy of the file and
    /// its -wal, taken when the store was opened, so nothing is left beside it.
    public let privateCopy: PrivateDatabaseCopy?
    /// The file SQLite has open: `path`, or the private copy of it.
    var openedPath: String { privateCopy?.databasePath ?? path }
    let queue: DatabaseQueue
    /// The last state this process read or wrote, so the next append reads only newer events.
    let cache = StateCache()

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 15

    public init(path: String, mode: Mode = .readWrite, signer: HeadSigner? = nil) throws {
        self.path = path
        self.mode = mode
        self.signer = signer
        switch mode {
        case .readOnly:
            guard DatabaseFile.hasContent(path) else { throw StoreError.noDatabase(path: path) }
            // SQLite opens a WAL database's -wal and -shm files for writing even to read, creating
            // them if missing: where this user cannot create files, read a private copy instead.
            let copy = DatabaseFile.canCreateFiles(beside: path) ? nil : try PrivateDatabaseCopy(of: path)
            privateCopy = copy
            let opened = copy?.databasePath ?? path
            queue = try Self.mappingErrors(path) {
                let queue = try DatabaseQueue(path: opened, configuration: Self.configuration(readOnly: true))
                try queue.read { db in
                    try Self.checkSchema(db, path: path)
                    // A file from an older build (its later migrations not yet applied) is read as it is:
                    // reviewers replay copies, and reading must not upgrade them. Readers of tables a later
                    // migration adds treat a missing table as empty.
                    guard try Self.migrator.appliedIdentifiers(db).contains(Self.migrator.migrations[0]) else {
                        throw StoreError.noDatabase(path: path)
                    }
                }
                return queue
            }
        case .readWrite:
            privateCopy = nil
            let created = try DatabaseFile.createIfMissing(path)
            do {
                queue = try DatabaseFile.withFolderLock(for: path) {
                    try Self.mappingErrors(path) {
                        let queue = try DatabaseQueue(path: path, configuration: Self.configuration(readOnly: false))
                        try queue.writeWithoutTransaction { db in
                            try Self.checkSchema(db, path: path)
                            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                                try db.execute(sql: "PRAGMA journal_mode = WAL")
                            }
                        }
                        let complete = try queue.read { db in try Self.migrator.hasCompletedMigrations(db) }
                        if !complete {
                            try Self.migrator.migrate(queue)
                        }
                        return queue
                    }
                }
            } catch {
                if created { try? FileManager.default.removeItem(atPath: path) }
                throw error
            }
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.label = "firebreak"
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        return config
    }

    /// Refuses a file that is not ours, or that a newer Firebreak wrote, before anything writes to it.
    static func checkSchema(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if !tables.isEmpty && !tables.contains("grdb_migrations") {
            throw StoreError.notAFirebreakDatabase(path: path, reason: "it has tables \(tables.prefix(3).joined(separator: ", ")) but no Firebreak schema")
        }
        guard tables.contains("grdb_migrations") else { return }
        let known = Set(migrator.migrations)
        let unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").filter { !known.contains($0) }
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, migrations: unknown) }
    }

    // MARK: - Writing

    public func openIncident(_ opened: IncidentOpened, actor: String, at: Date?) throws -> IncidentState {
        try opened.validate()
        let state = try write { db in
            let next = (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM incidents") ?? 0) + 1
            let prepared = try AppendPreparation(opening: opened, number: IncidentID(rawValue: next), actor: actor, at: at)
            try self.insert(prepared.events, db)
            try self.saveProjection(prepared.state, headHash: prepared.headHash, db)
            return prepared.state
        }
        cache.remember(state)
        return state
    }

    @discardableResult
    public func append(to incident: IncidentID, actor: String, groups: [AppendGroup]) throws -> GroupedAppendResult {
        let prepared = try write { db in
            let (state, headHash) = try self.loadState(incident, db)
            // Events only, not a state per group: a kept copy would make every later apply copy the state's lookups.
            var prepared = AppendPreparation(state: state, headHash: headHash)
            try prepared.add(groups, actor: actor)
            if !prepared.events.isEmpty {
                let checkpointSeq = try Int64.fetchOne(db, sql: "SELECT state_seq FROM incidents WHERE id = ?",
                                                       arguments: [incident.rawValue]) ?? 0
                try prepared.signIfDue(after: checkpointSeq, signer: self.signer) { try self.signingKeys(of: incident, db) }
                try self.insert(prepared.events, db)
                try self.saveProjection(prepared.state, headHash: prepared.headHash,
                                        refreshCheckpoint: self.cache.isCheckpointStale(incident), db)
            }
            return prepared
        }
        // Only once committed: a failed commit must not leave a state that never happened,
        // nor a journal line for a head that was never written.
        cache.remember(prepared.state)
        signer?.journal(prepared.signedHeads)
        return GroupedAppendResult(events: prepared.groups, state: prepared.state)
    }

    /// Signs the incident's head now, outside the checkpoint schedule (`firebreak sign`).
    /// Returns nil when this store has no signer or the key cannot be loaded.
    public func signHead(of incident: IncidentID) throws -> HeadSigned? {
        let prepared = try write { db in
            let (state, headHash) = try self.loadState(incident, db)
            var prepared = AppendPreparation(state: state, headHash: headHash)
            try prepared.signHead(signer: self.signer, reason: .request) { try self.signingKeys(of: incident, db) }
            if !prepared.events.isEmpty {
                try self.insert(prepared.events, db)
                try self.saveProjection(prepared.state, headHash: prepared.headHash, db)
            }
            return prepared
        }
        cache.remember(prepared.state)
        signer?.journal(prepared.signedHeads)
        return prepared.lastSignature
    }

    /// The bodies of the incident's recorded signing keys.
    private func signingKeys(of incident: IncidentID, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT payload FROM events WHERE incident_id = ? AND kind = ?",
                            arguments: [incident.rawValue, SigningKeyRecorded.kind])
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard mode == .readWrite else { throw StoreError.readOnly(path: path) }
        return try Self.mappingErrors(path) {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Inserts prepared events, hashes and all, as they are.
    private func insert(_ events: [RecordedEvent], _ db: Database) throws {
        // Prepared once per connection and reused: parsing the SQL for every event cost more than running it.
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for recorded in events {
            let event = recorded.event
            try statement.execute(arguments: [event.incident.rawValue, event.seq, event.at.millisecondsSince1970,
                                              event.recordedAt.millisecondsSince1970, event.actor, event.payload.kind,
                                              recorded.body, recorded.prevHash, recorded.hash])
        }
    }

    /// Events between two checkpoints of the folded state.
    static let checkpointInterval = AppendPreparation.checkpointInterval

    /// `refreshCheckpoint`: the stored checkpoint could not be used (another reducer
    /// version, or damaged), so write a current one now rather than fold everything again next time.
    func saveProjection(_ state: IncidentState, headHash: String, refreshCheckpoint: Bool = false, _ db: Database) throws {
        let incident = state.incident
        try db.execute(sql: """
            INSERT INTO incidents
                (id, title, severity, status, phase, opened_at, closed_at, updated_at, last_seq, head_hash, state_seq, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, severity = excluded.severity, status = excluded.status, phase = excluded.phase,
                opened_at = excluded.opened_at, closed_at = excluded.closed_at, updated_at = excluded.updated_at,
                last_seq = excluded.last_seq, head_hash = excluded.head_hash
            """, arguments: [incident.id.rawValue, incident.title, incident.severity.rawValue, incident.status.rawValue,
                             state.phase.rawValue, incident.openedAt.millisecondsSince1970,
                             incident.closedAt?.millisecondsSince1970, state.lastRecordedAt.millisecondsSince1970,
                             state.lastSeq, headHash])
        let checkpointSeq = try Int64.fetchOne(db, sql: "SELECT state_seq FROM incidents WHERE id = ?", arguments: [incident.id.rawValue]) ?? 0
        if refreshCheckpoint || checkpointSeq == 0 || state.lastSeq - checkpointSeq >= Self.checkpointInterval {
            // The JSON in its own table, so the `incidents` row an append rewrites stays a few columns.
            try db.execute(sql: """
                INSERT INTO checkpoints (incident_id, seq, state) VALUES (?, ?, ?)
                ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq, state = excluded.state
                """, arguments: [incident.id.rawValue, state.lastSeq, try StateSnapshot.encode(state)])
            try db.execute(sql: "UPDATE incidents SET state_seq = ? WHERE id = ?", arguments: [state.lastSeq, incident.id.rawValue])
            cache.markCheckpointStale(incident.id, false)
        }
    }

    /// Copies the write-ahead log into the database file (as far as readers
    /// allow), so a copy of the file alone holds every committed event. SQLite
    /// does this itself when the last connection closes; a console that exits
    /// while other connections are open calls it on the way out.
    public func checkpoint() {
        guard mode == .readWrite else { return }
        _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    // MARK: - Reading

    public func state(of incident: IncidentID) throws -> IncidentState {
        try read { db in try self.loadState(incident, db).state }
    }

    public func incidents(includeClosed: Bool) throws -> [IncidentSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, title, severity, status, phase, opened_at, closed_at, updated_at, last_seq FROM incidents
                WHERE ? OR status = 'open' ORDER BY updated_at DESC, id DESC
                """, arguments: [includeClosed]).map { row in
                IncidentSummary(
                    id: IncidentID(rawValue: row["id"]), title: row["title"],
                    severity: Severity(rawValue: row["severity"]) ?? Severity(rawValue: 4)!,
                    status: IncidentStatus(rawValue: row["status"]) ?? .open,
                    phase: Phase(rawValue: row["phase"]) ?? .readiness,
                    openedAt: Date(millisecondsSince1970: row["opened_at"]),
                    closedAt: (row["closed_at"] as Int64?).map(Date.init(millisecondsSince1970:)),
                    updatedAt: Date(millisecondsSince1970: row["updated_at"]), eventCount: row["last_seq"])
            }
        }
    }

    public func events(of incident: IncidentID, since seq: Int64) throws -> [RecordedEvent] {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ?", arguments: [incident.rawValue]) != nil else {
                throw StoreError.unknownIncident(incident)
            }
            return try self.fetchEvents(incident, since: seq, db)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mappingErrors(path) { try queue.read(body) }
    }

    /// The incident's state and head hash, reading as little as it can: this
    /// process's cached state plus the events after it; else the checkpoint
    /// plus the events after it; else (a damaged checkpoint) a fold of every event.
    func loadState(_ incident: IncidentID, _ db: Database) throws -> (state: IncidentState, headHash: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT last_seq, head_hash, state_seq FROM incidents WHERE id = ?",
                                         arguments: [incident.rawValue]) else {
            throw StoreError.unknownIncident(incident)
        }
        let lastSeq: Int64 = row["last_seq"], headHash: String = row["head_hash"], checkpointSeq: Int64 = row["state_seq"]
        var state: IncidentState
        if let cached = cache.state(of: incident), cached.lastSeq <= lastSeq, cached.lastSeq >= checkpointSeq {
            state = cached
        } else if let text = try checkpointText(incident, at: checkpointSeq, db),
                  let checkpoint = try? StateSnapshot.decode(text), checkpoint.lastSeq == checkpointSeq {
            state = checkpoint
        } else {
            let events = try fetchEvents(incident, since: 0, db)
            guard !events.isEmpty else { throw StoreError.corrupt(path: path, reason: "\(incident) has no events") }
            state = try IncidentState.replaying(events.map(\.event))
            cache.markCheckpointStale(incident, true)
        }
        if state.lastSeq < lastSeq {
            for recorded in try fetchEvents(incident, since: state.lastSeq, db) { state.apply(recorded.event) }
        }
        guard state.lastSeq == lastSeq else {
            throw StoreError.corrupt(path: path, reason: "\(incident)'s events end at #\(state.lastSeq) but its head is #\(lastSeq)")
        }
        cache.remember(state)
        return (state, headHash)
    }

    /// The stored checkpoint's JSON when it is at `seq`. A file from before the
    /// checkpoint table (read as it is, not migrated) has none: its old
    /// checkpoint was of another reducer version anyway.
    func checkpointText(_ incident: IncidentID, at seq: Int64, _ db: Database) throws -> String? {
        guard seq > 0, try db.tableExists("checkpoints") else { return nil }
        return try String.fetchOne(db, sql: "SELECT state FROM checkpoints WHERE incident_id = ? AND seq = ?",
                                   arguments: [incident.rawValue, seq])
    }

    func fetchEvents(_ incident: IncidentID, since seq: Int64, _ db: Database) throws -> [RecordedEvent] {
        try Row.fetchAll(db, sql: """
            SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
            FROM events WHERE incident_id = ? AND seq > ? ORDER BY seq
            """, arguments: [incident.rawValue, seq]).map { try recordedEvent($0) }
    }

    func recordedEvent(_ row: Row) throws -> RecordedEvent {
        let seq: Int64 = row["seq"]
        let kind: String = row["kind"]
        let body: String = row["payload"]
        let payload: EventPayload
        do {
            payload = try EventPayload.decode(kind: kind, body: body)
        } catch {
            throw StoreError.corrupt(path: path, reason: "event #\(seq) of INC-\(row["incident_id"] as Int) does not decode as \(kind)")
        }
        let event = Event(incident: IncidentID(rawValue: row["incident_id"]), seq: seq,
                          at: Date(millisecondsSince1970: row["at"]), recordedAt: Date(millisecondsSince1970: row["recorded_at"]),
                          actor: row["actor"], payload: payload)
        return RecordedEvent(event: event, body: body, prevHash: row["prev_hash"], hash: row["hash"])
    }

    // MARK: - Errors

    /// Turns SQLite's errors into one line that names the file and the problem.
    static func mappingErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: throw StoreError.notAFirebreakDatabase(path: path, reason: "not an SQLite file")
            case .SQLITE_CORRUPT: throw StoreError.corrupt(path: path, reason: error.message ?? "malformed")
            case .SQLITE_FULL: throw StoreError.diskFull(path: path)
            case .SQLITE_READONLY: throw StoreError.readOnly(path: path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw StoreError.busy(path: path)
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                throw StoreError.cannotCreate(path: path, reason: error.message ?? "cannot open")
            default: throw StoreError.database(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
