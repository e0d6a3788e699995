import Foundation
import GRDB
import IncidentModel

extension SQLiteIncidentStore {
    public func verify(_ incident: IncidentID?) throws -> [ChainVerification] {
        try verify(incident, anchors: .none).chains
    }

    /// Checks every chain (or one) with the one walk every store shares, inside one
    /// read transaction, and says how many verified events are only in the -wal.
    public func verify(_ incident: IncidentID?, anchors: VerificationAnchors) throws -> VerificationReport {
        let fileAlone = lastSeqsInFileAlone()
        return try read { db in
            try ChainVerifier.verify(incident, anchors: anchors, source: SQLiteChainRecords(store: self, db: db)) { raw, verified in
                switch fileAlone {
                case .noWAL: return 0
                case .lastSeqs(let seqs): return max(0, verified - (seqs[raw] ?? 0))
                case .unknown: return nil
                }
            }
        }
    }

    /// What the database file holds without its -wal.
    private enum FileAlone {
        case noWAL
        /// Each incident's last seq in the file alone.
        case lastSeqs([Int: Int64])
        case unknown
    }

    /// Each incident's last seq as the database file says without its -wal
    /// (SQLite's `immutable` mode ignores the WAL).
    private func lastSeqsInFileAlone() -> FileAlone {
        guard FileManager.default.fileExists(atPath: openedPath + "-wal") else { return .noWAL }
        var config = Configuration()
        config.readonly = true
        let uri = "file:" + openedPath.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "?immutable=1"
        guard let alone = try? DatabaseQueue(path: uri, configuration: config) else { return .unknown }
        let seqs = try? alone.read { db -> [Int: Int64] in
            guard try db.tableExists("events") else { return [:] }
            var seqs: [Int: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT incident_id, MAX(seq) AS last FROM events GROUP BY incident_id") {
                seqs[row["incident_id"]] = row["last"]
            }
            return seqs
        }
        return seqs.map(FileAlone.lastSeqs) ?? .unknown
    }
}

/// The chain as one SQLite read transaction sees it.
private struct SQLiteChainRecords: ChainRecordSource {
    let store: SQLiteIncidentStore
    let db: Database

    func chainIncidentIDs() throws -> [Int] {
        try Int.fetchAll(db, sql: "SELECT id FROM incidents UNION SELECT incident_id FROM events ORDER BY 1")
    }

    func chainEvents(of incident: IncidentID) throws -> [StoredEventRow] {
        try Row.fetchAll(db, sql: """
            SELECT seq, at, recorded_at, actor, kind, payload, prev_hash, hash
            FROM events WHERE incident_id = ? ORDER BY seq
            """, arguments: [incident.rawValue]).map { row in
            StoredEventRow(seq: row["seq"], atMilliseconds: row["at"], recordedAtMilliseconds: row["recorded_at"], actor: row["actor"],
                           kind: row["kind"], body: row["payload"], prevHash: row["prev_hash"], hash: row["hash"])
        }
    }

    func chainProjection(of incident: IncidentID) throws -> StoredProjection? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [incident.rawValue]) else { return nil }
        var columns: [String: StoredColumnValue] = [:]
        for name in StoredProjection.listedColumns {
            switch (row[name] as DatabaseValue).storage {
            case .null: columns[name] = .null
            case .int64(let value): columns[name] = .integer(value)
            case .string(let text): columns[name] = .text(text)
            case .double(let value): columns[name] = .other(String(value))
            case .blob(let data): columns[name] = .other("a blob of \(data.count) bytes")
            }
        }
        // The checkpoint from its own table; a file from before it (read as it is) has it in the row.
        let checkpoint = try db.tableExists("checkpoints")
            ? try Row.fetchOne(db, sql: "SELECT seq, state FROM checkpoints WHERE incident_id = ?", arguments: [incident.rawValue])
            : nil
        return StoredProjection(columns: columns, lastSeq: row["last_seq"], headHash: row["head_hash"],
                                stateSeq: checkpoint?["seq"] ?? row["state_seq"], state: checkpoint?["state"] ?? row["state"] ?? "")
    }

    func chainBodyProblem(_ reference: StoredBody) throws -> String? {
        try store.bodyProblem(reference, db)
    }
}
