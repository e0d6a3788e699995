import Foundation
import GRDB
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

extension SQLiteIncidentStore {
    /// Writes one incident to a new, self-contained SQLite file at `target`:
    /// its events, the bodies they refer to, its projection and its kept log
    /// lines, with every commit of the -wal included and no -wal of its own.
    /// The copy is verified before it is put in place, and its head must be
    /// the original's. Refuses an existing `target`.
    ///
    /// `VACUUM INTO` takes a consistent snapshot (the WAL included) through
    /// this store's own connection, so a live writer is neither blocked nor missed;
    /// the other incidents are then deleted from the copy, which is vacuumed again.
    public func export(_ incident: IncidentID, to target: String) throws -> ChainVerification {
        guard let original = try verify(incident).first else { throw StoreError.unknownIncident(incident) }
        if let problem = original.problem {
            throw StoreError.corrupt(path: path, reason: "\(incident) \(problem); not exported (copy the whole file, -wal included, for forensics)")
        }
        if FileManager.default.fileExists(atPath: target) {
            throw StoreError.cannotCreate(path: target, reason: "it already exists; nothing was written")
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var template = Array((folder + "/.firebreak-export.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StoreError.cannotCreate(path: target, reason: String(cString: strerror(errno)))
        }
        let workFolder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: workFolder) }
        let work = workFolder + "/export.db"
        // Outside a transaction (VACUUM refuses to run in one), on the store's read-only connection.
        try Self.mappingErrors(path) { try queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [work]) } }
        try Self.mappingErrors(target) {
            let copy = try DatabaseQueue(path: work)
            try copy.writeWithoutTransaction { db in
                try db.inTransaction {
                    try Self.keepOnly(incident, db)
                    return .commit
                }
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "VACUUM")
            }
            try copy.close()
        }
        let exported = try SQLiteIncidentStore(path: work, mode: .readOnly).verify(incident).first
        guard let exported, exported.isIntact, exported.headHash == original.headHash, exported.verifiedEvents == original.verifiedEvents else {
            throw StoreError.database(path: target, reason: "the exported copy did not verify with the original's head; nothing was written")
        }
        chmod(work, 0o600)
        // link() refuses an existing name: a file that appeared meanwhile is never overwritten.
        guard link(work, target) == 0 else {
            throw StoreError.cannotCreate(path: target, reason: errno == EEXIST ? "it already exists; nothing was written" : String(cString: strerror(errno)))
        }
        return exported
    }

    /// Deletes everything of the other incidents from an export's copy: the
    /// append-only triggers are dropped for it and put back exactly as they were.
    private static func keepOnly(_ incident: IncidentID, _ db: Database) throws {
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \((trigger["name"] as String).quotedDatabaseIdentifier)") }
        try db.execute(sql: "DELETE FROM incidents WHERE id <> ?", arguments: [incident.rawValue])
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] as String }
            if columns.contains("incident_id") {
                try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier) WHERE incident_id <> ?", arguments: [incident.rawValue])
            }
        }
        if try db.tableExists("bodies") {
            var referenced: Set<String> = []
            for row in try Row.fetchAll(db, sql: "SELECT kind, payload FROM events WHERE kind = ?", arguments: [ActionStepFinished.kind]) {
                if case .actionStepFinished(let finished)? = try? EventPayload.decode(kind: row["kind"], body: row["payload"]) {
                    referenced.formUnion([finished.step.stdoutBody, finished.step.stderrBody].compactMap { $0?.sha256 })
                }
            }
            try db.execute(sql: "CREATE TEMP TABLE kept_bodies (sha256 TEXT PRIMARY KEY)")
            for sha in referenced { try db.execute(sql: "INSERT INTO kept_bodies VALUES (?)", arguments: [sha]) }
            try db.execute(sql: "DELETE FROM bodies WHERE sha256 NOT IN (SELECT sha256 FROM kept_bodies)")
            try db.execute(sql: "DROP TABLE kept_bodies")
        }
        for trigger in triggers { try db.execute(sql: trigger["sql"]) }
    }
}
