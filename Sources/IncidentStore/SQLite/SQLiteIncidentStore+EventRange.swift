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
            try requireIncident(incident, db)
            // A cursor, so memory stays flat however long the record is.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
                FROM events WHERE incident_id = ? ORDER BY seq
                """, arguments: [incident.rawValue])
            while let row = try rows.next() { try body(try recordedEvent(row).event) }
        }
    }

    public func lastSeq(of incident: IncidentID) throws -> Int64 {
        try read { db in
            try requireIncident(incident, db)
            return try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events WHERE incident_id = ?", arguments: [incident.rawValue]) ?? 0
        }
    }

    public func events(of incident: IncidentID, kinds: [String]) throws -> [Event] {
        guard !kinds.isEmpty else { return [] }
        return try read { db in
            try requireIncident(incident, db)
            // The kind is compared before the payload is touched: only the matching rows are decoded.
            let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
                FROM events WHERE incident_id = ? AND kind IN (\(marks)) ORDER BY seq
                """, arguments: StatementArguments([incident.rawValue as any DatabaseValueConvertible] + kinds.map { $0 as any DatabaseValueConvertible })).map { try recordedEvent($0).event }
        }
    }

    private func requireIncident(_ incident: IncidentID, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ?", arguments: [incident.rawValue]) != nil else {
            throw StoreError.unknownIncident(incident)
        }
    }
}
