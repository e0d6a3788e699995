import Foundation
import IncidentModel
import IncidentStore

extension PostgresIncidentStore: IncidentRecordImporting {
    @discardableResult
    public func importIncident(_ record: IncidentRecord) throws -> ChainVerification {
        let chain = try record.verified()
        let state = try record.folded()
        let id = Int64(record.incident.rawValue)
        try write { connection in
            let session = self.session
            // Under the numbering lock: an incident opened meanwhile cannot take this number.
            try session.rows(connection, "SELECT pg_advisory_xact_lock(\(PostgresSchema.numberingLock))")
            let taken = try !session.rows(connection, """
                SELECT 1 FROM incidents WHERE id = \(id) UNION SELECT 1 FROM events WHERE incident_id = \(id)
                """).isEmpty
            if taken { throw StoreError.database(path: self.location.description, reason: "it already has \(record.incident); nothing was written") }
            try self.insert(record.events, connection)
            try self.saveProjection(state, headHash: chain.headHash, refreshCheckpoint: true, connection)
            for (sha256, data) in record.bodies {
                try session.rows(connection, "INSERT INTO bodies (sha256, bytes) VALUES (\(sha256), \(data)) ON CONFLICT (sha256) DO NOTHING")
            }
            for line in record.keptLines {
                try session.rows(connection, """
                    INSERT INTO kept_log_lines (incident_id, source_id, source_name, sequence, at, arrived_at, level, raw, raw_length, sha256)
                    VALUES (\(id), \(line.sourceID), \(line.sourceName), \(Int64(clamping: line.sequence)), \(line.time.millisecondsSince1970),
                            \(line.arrivedAt.millisecondsSince1970), \(line.level), \(Data(line.raw)), \(Int64(line.rawLength)), \(line.sha256Hex))
                    """)
            }
            for (source, cursor) in record.keptCursors {
                try session.rows(connection, "INSERT INTO kept_log_sources (incident_id, source_id, cursor) VALUES (\(id), \(source), \(cursor))")
            }
            let bytes = record.keptLines.reduce(Int64(0)) { $0 + Int64($1.raw.count) }
            try session.rows(connection, "INSERT INTO kept_log_bytes (incident_id, bytes) VALUES (\(id), \(bytes))")
            if record.keptDropped > 0 {
                try session.rows(connection, "INSERT INTO kept_log_drops (incident_id, dropped) VALUES (\(id), \(record.keptDropped))")
            }
            try session.rows(connection, "SELECT pg_notify(\(PostgresSchema.changeChannel), \(String(id)))")
        }
        cache.remember(state)
        guard let written = try verify(record.incident).first, written.isIntact, written.headHash == chain.headHash else {
            throw StoreError.database(path: location.description, reason: "the copy of \(record.incident) did not verify with the original's head")
        }
        return written
    }
}
