import Foundation
import GRDB
import IncidentModel

extension SQLiteIncidentStore: IncidentRecordImporting {
    @discardableResult
    public func importIncident(_ record: IncidentRecord) throws -> ChainVerification {
        let chain = try record.verified()
        let state = try record.folded()
        let id = record.incident.rawValue
        try write { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ? UNION SELECT 1 FROM events WHERE incident_id = ?",
                                          arguments: [id, id]) != nil
            if taken { throw StoreError.database(path: self.path, reason: "it already has \(record.incident); nothing was written") }
            for recorded in record.events {
                let event = recorded.event
                try db.execute(sql: """
                    INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, event.seq, event.at.millisecondsSince1970, event.recordedAt.millisecondsSince1970,
                                     event.actor, event.payload.kind, recorded.body, recorded.prevHash, recorded.hash])
            }
            try self.saveProjection(state, headHash: chain.headHash, refreshCheckpoint: true, db)
            for (sha256, data) in record.bodies {
                try db.execute(sql: "INSERT OR IGNORE INTO bodies (sha256, bytes) VALUES (?, ?)", arguments: [sha256, data])
            }
            for line in record.keptLines {
                try db.execute(sql: """
                    INSERT INTO kept_log_lines (incident_id, source_id, source_name, sequence, at, arrived_at, level, raw, raw_length, sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, line.sourceID, line.sourceName, Int64(clamping: line.sequence), line.time.millisecondsSince1970,
                                     line.arrivedAt.millisecondsSince1970, line.level, Data(line.raw), line.rawLength, line.sha256Hex])
            }
            for (source, cursor) in record.keptCursors {
                try db.execute(sql: "INSERT INTO kept_log_sources (incident_id, source_id, cursor) VALUES (?, ?, ?)", arguments: [id, source, cursor])
            }
            let bytes = record.keptLines.reduce(Int64(0)) { $0 + Int64($1.raw.count) }
            try db.execute(sql: "INSERT INTO kept_log_bytes (incident_id, bytes) VALUES (?, ?)", arguments: [id, bytes])
            if record.keptDropped > 0 {
                try db.execute(sql: "INSERT INTO kept_log_drops (incident_id, dropped) VALUES (?, ?)", arguments: [id, record.keptDropped])
            }
        }
        cache.remember(state)
        guard let written = try verify(record.incident).first, written.isIntact, written.headHash == chain.headHash else {
            throw StoreError.database(path: path, reason: "the copy of \(record.incident) did not verify with the original's head")
        }
        return written
    }
}
