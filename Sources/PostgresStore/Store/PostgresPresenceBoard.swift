import Foundation
import IncidentModel
import IncidentStore
import PostgresNIO

/// Presence on the shared server: one row per console in `presence`, so
/// consoles on different machines see each other. A console refreshes its row
/// every few seconds; heartbeats are the server's clock (`now()`), so machines
/// whose clocks disagree still agree on who is in; a row long past its
/// freshness (a console that died) is removed by the next one to announce.
///
/// On its own connection, not a read-only one: a wall display announces itself
/// too. A role that may only `SELECT` sees who is in but is not listed itself
/// (its announcements are refused by the server and dropped).
public final class PostgresPresenceBoard: PresenceBoard, @unchecked Sendable {
    private let session: BlockingPostgresConnection
    /// How long a row outlives its freshness before anyone tidies it away.
    static let tidyAfter: TimeInterval = 60

    /// Connects on first use.
    public init(location: PostgresLocation) throws {
        session = try BlockingPostgresConnection(location: location, readOnly: false)
    }

    public func announce(_ presence: Presence) throws {
        try session.withConnection { connection in
            try session.rows(connection, """
                INSERT INTO presence (session, operator_name, mode, incident_id, heartbeat_at)
                VALUES (\(presence.session), \(presence.operatorName), \(presence.mode.rawValue), \(Int64(presence.incident.rawValue)), now())
                ON CONFLICT (session) DO UPDATE SET operator_name = excluded.operator_name, mode = excluded.mode,
                    incident_id = excluded.incident_id, heartbeat_at = excluded.heartbeat_at
                """)
            try session.rows(connection, "DELETE FROM presence WHERE heartbeat_at < now() - make_interval(secs => \(Self.tidyAfter))")
        }
    }

    public func withdraw(session id: String) {
        _ = try? session.withConnection { connection in
            try session.rows(connection, "DELETE FROM presence WHERE session = \(id)")
        }
    }

    public func present(on incident: IncidentID, freshness: TimeInterval) -> [Presence] {
        let rows = try? session.withConnection { connection in
            try session.rows(connection, """
                SELECT operator_name, mode, session, (extract(epoch FROM heartbeat_at) * 1000)::bigint FROM presence
                WHERE incident_id = \(Int64(incident.rawValue)) AND heartbeat_at > now() - make_interval(secs => \(freshness))
                ORDER BY operator_name, session
                """)
        }
        return (rows ?? []).compactMap { row in
            guard let columns = try? row.decode((String, String, String, Int64).self),
                  let mode = Presence.Mode(rawValue: columns.1) else { return nil }
            return Presence(operatorName: columns.0, mode: mode, incident: incident, session: columns.2,
                            heartbeatAt: Date(millisecondsSince1970: columns.3))
        }
    }
}
