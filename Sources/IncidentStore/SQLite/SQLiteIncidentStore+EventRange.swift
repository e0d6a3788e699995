import GRDB
import IncidentModel

/// Range reads through the `(incident_id, seq)` unique index: a stretch of a
/// million-event incident costs what the stretch costs, not the incident.
extension SQLiteIncidentStore: IncidentEventRangeReader {
    public func events(of incident: IncidentID, seqs: ClosedRange<Int64>) throws -> [Event] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
                FROM events WHERE incident_id = ? AND seq BETWEEN ? AND ? ORDER BY seq
                """, arguments: [incident.rawValue, seqs.lowerBound, seqs.upperBound]).map { try recordedEvent($0).event }
        }
    }

    public func forEachEvent(of incident: IncidentID, _ body: (Event) throws -> Void) throws {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ?", arguments: [incident.rawValue]) != nil else {
                throw StoreError.unknownIncident(incident)
            }
            // A cursor, so memory stays flat however long the record is.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
                FROM events WHERE incident_id = ? ORDER BY seq
                """, arguments: [incident.rawValue])
            while let row = try rows.next() { try body(try recordedEvent(row).event) }
        }
    }
}
