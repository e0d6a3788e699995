import Foundation
import GRDB
import IncidentModel

extension SQLiteIncidentStore: KeptLogLineStore {
    /// The tables behind `KeptLogLineStore`, registered as migration "v2-kept-log-lines".
    /// No triggers forbid deleting: the cap drops the oldest lines, and these
    /// rows are not part of any hash chain.
    static func createKeptLogLineTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE kept_log_lines (
                id INTEGER PRIMARY KEY,
                incident_id INTEGER NOT NULL,
                source_id TEXT NOT NULL,
                source_name TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                at INTEGER NOT NULL,
                arrived_at INTEGER NOT NULL,
                level TEXT NOT NULL,
                raw BLOB NOT NULL,
                raw_length INTEGER NOT NULL,
                sha256 TEXT NOT NULL
            );
            CREATE INDEX kept_log_lines_by_incident ON kept_log_lines (incident_id, id);
            CREATE TABLE kept_log_sources (
                incident_id INTEGER NOT NULL,
                source_id TEXT NOT NULL,
                cursor TEXT,
                PRIMARY KEY (incident_id, source_id)
            );
            CREATE TABLE kept_log_drops (
                incident_id INTEGER PRIMARY KEY,
                dropped INTEGER NOT NULL
            );
            """)
    }

    /// The running total behind the byte cap, registered as migration "v3-kept-log-line-bytes"
    /// and filled from the lines already kept.
    static func createKeptLogByteTotals(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE kept_log_bytes (
                incident_id INTEGER PRIMARY KEY,
                bytes INTEGER NOT NULL
            );
            INSERT INTO kept_log_bytes (incident_id, bytes)
                SELECT incident_id, SUM(length(raw)) FROM kept_log_lines GROUP BY incident_id;
            """)
    }

    public func keep(_ lines: [KeptLogLine], cursor: String?, source: String, of incident: IncidentID, cap: KeptLinesCap, alsoDropped: Int) throws {
        guard mode == .readWrite else { throw StoreError.readOnly(path: path) }
        try Self.mappingErrors(path) {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let insert = try db.cachedStatement(sql: """
                        INSERT INTO kept_log_lines
                            (incident_id, source_id, source_name, sequence, at, arrived_at, level, raw, raw_length, sha256)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    for line in lines {
                        try insert.execute(arguments: [
                            incident.rawValue, line.sourceID, line.sourceName, Int64(clamping: line.sequence),
                            line.time.millisecondsSince1970, line.arrivedAt.millisecondsSince1970, line.level,
                            Data(line.raw), line.rawLength, line.sha256Hex,
                        ])
                    }
                    if let cursor {
                        try db.execute(sql: """
                            INSERT INTO kept_log_sources (incident_id, source_id, cursor) VALUES (?, ?, ?)
                            ON CONFLICT (incident_id, source_id) DO UPDATE SET cursor = excluded.cursor
                            """, arguments: [incident.rawValue, source, cursor])
                    }
                    let added = lines.reduce(Int64(0)) { $0 + Int64($1.raw.count) }
                    var total = try Int64.fetchOne(db, sql: "SELECT bytes FROM kept_log_bytes WHERE incident_id = ?",
                                                   arguments: [incident.rawValue]) ?? 0
                    total += added
                    // The line cap: everything older than the newest `cap.lines` lines goes, and is counted.
                    var dropped = alsoDropped
                    if let last = try Int64.fetchOne(db, sql: """
                        SELECT id FROM kept_log_lines WHERE incident_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?
                        """, arguments: [incident.rawValue, max(1, cap.lines)]) {
                        let freed = try Int64.fetchOne(db, sql: """
                            SELECT SUM(length(raw)) FROM kept_log_lines WHERE incident_id = ? AND id <= ?
                            """, arguments: [incident.rawValue, last]) ?? 0
                        try db.execute(sql: "DELETE FROM kept_log_lines WHERE incident_id = ? AND id <= ?", arguments: [incident.rawValue, last])
                        dropped += db.changesCount
                        total -= freed
                    }
                    // The byte cap: the oldest go until the rest fit (the newest line always stays).
                    if total > cap.bytes, let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM kept_log_lines WHERE incident_id = ?",
                                                                        arguments: [incident.rawValue]) {
                        // The newest line whose going brings the rest under the cap, found oldest first.
                        // In pieces: at the cap, each batch frees about its own size from the first piece.
                        var freed: Int64 = 0, last: Int64?
                        while total - freed > cap.bytes {
                            let piece = try Row.fetchAll(db, sql: """
                                SELECT id, length(raw) AS bytes FROM kept_log_lines WHERE incident_id = ? AND id > ? AND id < ? ORDER BY id LIMIT 1024
                                """, arguments: [incident.rawValue, last ?? Int64.min, newest])
                            if piece.isEmpty { break }
                            for row in piece where total - freed > cap.bytes {
                                freed += row["bytes"] as Int64
                                last = row["id"] as Int64
                            }
                        }
                        if let last {
                            try db.execute(sql: "DELETE FROM kept_log_lines WHERE incident_id = ? AND id <= ?", arguments: [incident.rawValue, last])
                            dropped += db.changesCount
                            total -= freed
                        }
                    }
                    try db.execute(sql: """
                        INSERT INTO kept_log_bytes (incident_id, bytes) VALUES (?, ?)
                        ON CONFLICT (incident_id) DO UPDATE SET bytes = excluded.bytes
                        """, arguments: [incident.rawValue, total])
                    if dropped > 0 {
                        try db.execute(sql: """
                            INSERT INTO kept_log_drops (incident_id, dropped) VALUES (?, ?)
                            ON CONFLICT (incident_id) DO UPDATE SET dropped = dropped + excluded.dropped
                            """, arguments: [incident.rawValue, dropped])
                    }
                    return .commit
                }
            }
        }
    }

    public func keptLines(of incident: IncidentID) throws -> (lines: [KeptLogLine], dropped: Int64) {
        try read { db in
            // A database from before the kept lines existed, opened read-only, has no such tables.
            guard try db.tableExists("kept_log_lines") else { return ([], 0) }
            let lines = try Row.fetchAll(db, sql: """
                SELECT source_id, source_name, sequence, at, arrived_at, level, raw, raw_length, sha256
                FROM kept_log_lines WHERE incident_id = ? ORDER BY id
                """, arguments: [incident.rawValue]).map { row in
                KeptLogLine(sourceID: row["source_id"], sourceName: row["source_name"],
                            sequence: UInt64(max(0, row["sequence"] as Int64)),
                            time: Date(millisecondsSince1970: row["at"]), arrivedAt: Date(millisecondsSince1970: row["arrived_at"]),
                            level: row["level"], raw: [UInt8](row["raw"] as Data), rawLength: row["raw_length"], sha256Hex: row["sha256"])
            }
            let dropped = try Int64.fetchOne(db, sql: "SELECT dropped FROM kept_log_drops WHERE incident_id = ?",
                                             arguments: [incident.rawValue]) ?? 0
            return (lines, dropped)
        }
    }

    public func keptCursors(of incident: IncidentID) throws -> [String: String] {
        try read { db in
            guard try db.tableExists("kept_log_sources") else { return [:] }
            let rows = try Row.fetchAll(db, sql: "SELECT source_id, cursor FROM kept_log_sources WHERE incident_id = ? AND cursor IS NOT NULL",
                                        arguments: [incident.rawValue])
            return Dictionary(rows.map { ($0["source_id"] as String, $0["cursor"] as String) }, uniquingKeysWith: { $1 })
        }
    }

    public func keptCursor(of incident: IncidentID, source: String) throws -> String? {
        try read { db in
            guard try db.tableExists("kept_log_sources") else { return nil }
            return try String.fetchOne(db, sql: "SELECT cursor FROM kept_log_sources WHERE incident_id = ? AND source_id = ?",
                                       arguments: [incident.rawValue, source])
        }
    }
}
