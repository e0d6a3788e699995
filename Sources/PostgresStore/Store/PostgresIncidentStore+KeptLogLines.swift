import Foundation
import IncidentModel
import IncidentStore
import PostgresNIO

/// The kept lines of external log sources, outside the chain, capped as in SQLite.
extension PostgresIncidentStore: KeptLogLineStore {
    public func keep(_ lines: [KeptLogLine], cursor: String?, source: String, of incident: IncidentID, cap: KeptLinesCap, alsoDropped: Int) throws {
        let id = Int64(incident.rawValue)
        try write { connection in
            let session = self.session
            for line in lines {
                try session.rows(connection, """
                    INSERT INTO kept_log_lines (incident_id, source_id, source_name, sequence, at, arrived_at, level, raw, raw_length, sha256)
                    VALUES (\(id), \(line.sourceID), \(line.sourceName), \(Int64(clamping: line.sequence)), \(line.time.millisecondsSince1970),
                            \(line.arrivedAt.millisecondsSince1970), \(line.level), \(Data(line.raw)), \(Int64(line.rawLength)), \(line.sha256Hex))
                    """)
            }
            if let cursor {
                try session.rows(connection, """
                    INSERT INTO kept_log_sources (incident_id, source_id, cursor) VALUES (\(id), \(source), \(cursor))
                    ON CONFLICT (incident_id, source_id) DO UPDATE SET cursor = excluded.cursor
                    """)
            }
            let added = lines.reduce(Int64(0)) { $0 + Int64($1.raw.count) }
            var total = (try session.rows(connection, "SELECT bytes FROM kept_log_bytes WHERE incident_id = \(id)").first?.decode(Int64.self) ?? 0) + added
            var dropped = Int64(alsoDropped)
            // The line cap: everything older than the newest `cap.lines` lines goes, and is counted.
            if let last = try session.rows(connection, """
                SELECT id FROM kept_log_lines WHERE incident_id = \(id) ORDER BY id DESC LIMIT 1 OFFSET \(Int64(max(1, cap.lines)))
                """).first?.decode(Int64.self) {
                let (count, freed) = try session.rows(connection, """
                    WITH gone AS (DELETE FROM kept_log_lines WHERE incident_id = \(id) AND id <= \(last) RETURNING length(raw) AS bytes)
                    SELECT count(*)::bigint, COALESCE(SUM(bytes), 0)::bigint FROM gone
                    """)[0].decode((Int64, Int64).self)
                dropped += count
                total -= freed
            }
            // The byte cap: the oldest go until the rest fit (the newest line always stays).
            if total > Int64(cap.bytes) {
                let (count, freed) = try session.rows(connection, """
                    WITH sized AS (
                        SELECT id, SUM(length(raw)) OVER (ORDER BY id) AS running FROM kept_log_lines
                        WHERE incident_id = \(id) AND id < (SELECT MAX(id) FROM kept_log_lines WHERE incident_id = \(id))
                    ), cut AS (
                        SELECT MIN(id) AS last FROM sized WHERE \(total) - running <= \(Int64(cap.bytes))
                    ), upto AS (
                        SELECT COALESCE((SELECT last FROM cut), (SELECT MAX(id) FROM sized)) AS last
                    ), gone AS (
                        DELETE FROM kept_log_lines WHERE incident_id = \(id) AND id <= (SELECT last FROM upto) RETURNING length(raw) AS bytes
                    )
                    SELECT count(*)::bigint, COALESCE(SUM(bytes), 0)::bigint FROM gone
                    """)[0].decode((Int64, Int64).self)
                dropped += count
                total -= freed
            }
            try session.rows(connection, """
                INSERT INTO kept_log_bytes (incident_id, bytes) VALUES (\(id), \(total))
                ON CONFLICT (incident_id) DO UPDATE SET bytes = excluded.bytes
                """)
            if dropped > 0 {
                try session.rows(connection, """
                    INSERT INTO kept_log_drops (incident_id, dropped) VALUES (\(id), \(dropped))
                    ON CONFLICT (incident_id) DO UPDATE SET dropped = kept_log_drops.dropped + excluded.dropped
                    """)
            }
        }
    }

    public func keptLines(of incident: IncidentID) throws -> (lines: [KeptLogLine], dropped: Int64) {
        let id = Int64(incident.rawValue)
        return try read { connection in
            let lines = try self.session.rows(connection, """
                SELECT source_id, source_name, sequence, at, arrived_at, level, raw, raw_length, sha256
                FROM kept_log_lines WHERE incident_id = \(id) ORDER BY id
                """).map { row in
                let (sourceID, sourceName, sequence, at, arrivedAt, level, raw, rawLength, sha256) =
                    try row.decode((String, String, Int64, Int64, Int64, String, Data, Int64, String).self)
                return KeptLogLine(sourceID: sourceID, sourceName: sourceName, sequence: UInt64(max(0, sequence)),
                                   time: Date(millisecondsSince1970: at), arrivedAt: Date(millisecondsSince1970: arrivedAt),
                                   level: level, raw: [UInt8](raw), rawLength: Int(rawLength), sha256Hex: sha256)
            }
            let dropped = try self.session.rows(connection, "SELECT dropped FROM kept_log_drops WHERE incident_id = \(id)").first?.decode(Int64.self) ?? 0
            return (lines, dropped)
        }
    }

    public func keptCursors(of incident: IncidentID) throws -> [String: String] {
        try read { connection in
            let rows = try self.session.rows(connection, """
                SELECT source_id, cursor FROM kept_log_sources WHERE incident_id = \(Int64(incident.rawValue)) AND cursor IS NOT NULL
                """).map { try $0.decode((String, String).self) }
            return Dictionary(rows, uniquingKeysWith: { $1 })
        }
    }

    public func keptCursor(of incident: IncidentID, source: String) throws -> String? {
        try read { connection in
            try self.session.rows(connection, """
                SELECT cursor FROM kept_log_sources WHERE incident_id = \(Int64(incident.rawValue)) AND source_id = \(source)
                """).first?.decode(String?.self) ?? nil
        }
    }
}
