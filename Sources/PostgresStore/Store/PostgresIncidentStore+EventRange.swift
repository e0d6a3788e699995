import IncidentModel
import IncidentStore
import PostgresNIO

/// Range reads through the `(incident_id, seq)` unique index, as SQLite's.
extension PostgresIncidentStore: IncidentEventRangeReader {
    /// How many events one round trip of `forEachEvent` reads.
    static let pageSize: Int64 = 2_000

    public func events(of incident: IncidentID, seqs: ClosedRange<Int64>) throws -> [Event] {
        try read { connection in
            try self.fetchEvents(incident, since: seqs.lowerBound - 1, through: seqs.upperBound, connection).map(\.event)
        }
    }

    public func forEachEvent(of incident: IncidentID, _ body: (Event) throws -> Void) throws {
        try read { connection in
            try self.requireIncident(incident, connection)
            // Pages of one snapshot: memory stays bounded however long the record is, and the view is consistent.
            var after: Int64 = 0
            while true {
                let page = try self.session.rows(connection, """
                    SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
                    FROM events WHERE incident_id = \(Int64(incident.rawValue)) AND seq > \(after) ORDER BY seq LIMIT \(Self.pageSize)
                    """).map { try self.recordedEvent($0) }
                guard let last = page.last else { break }
                for recorded in page { try body(recorded.event) }
                after = last.event.seq
            }
        }
    }

    public func lastSeq(of incident: IncidentID) throws -> Int64 {
        try read { connection in
            try self.requireIncident(incident, connection)
            return try self.session.rows(connection, "SELECT MAX(seq) FROM events WHERE incident_id = \(Int64(incident.rawValue))")
                .first?.decode(Int64?.self) ?? 0
        }
    }

    public func events(of incident: IncidentID, kinds: [String]) throws -> [Event] {
        guard !kinds.isEmpty else { return [] }
        return try read { connection in
            try self.requireIncident(incident, connection)
            return try self.session.rows(connection, """
                SELECT incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash
                FROM events WHERE incident_id = \(Int64(incident.rawValue)) AND kind = ANY(\(kinds)) ORDER BY seq
                """).map { try self.recordedEvent($0).event }
        }
    }

    private func requireIncident(_ incident: IncidentID, _ connection: PostgresConnection) throws {
        guard try !self.session.rows(connection, "SELECT 1 FROM incidents WHERE id = \(Int64(incident.rawValue))").isEmpty else {
            throw StoreError.unknownIncident(incident)
        }
    }
}
