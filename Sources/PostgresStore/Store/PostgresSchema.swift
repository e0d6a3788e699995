import Foundation
import IncidentStore
import PostgresNIO

/// The PostgreSQL schema, one migration per change, with the SQLite schema's
/// tables and columns (so one chain walk reads both). Never edit a shipped
/// migration: add one. A database that records a migration this build does not
/// know was written by a newer Firebreak and is refused before anything writes.
enum PostgresSchema {
    struct Migration {
        var identifier: String
        var statements: [String]
    }

    /// Raised by the server for any UPDATE, DELETE or TRUNCATE of an append-only table.
    static let appendOnlyFunction = """
        CREATE FUNCTION firebreak_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% are append-only', TG_TABLE_NAME; END $$
        """

    static func appendOnlyTriggers(_ table: String) -> [String] {
        ["CREATE TRIGGER \(table)_no_update BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION firebreak_append_only()",
         "CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION firebreak_append_only()"]
    }

    static let migrations: [Migration] = [
        Migration(identifier: "v1-event-log", statements: [
            // The source of truth: append-only, one hash chain per incident.
            """
            CREATE TABLE events (
                id BIGSERIAL PRIMARY KEY,
                incident_id BIGINT NOT NULL,
                seq BIGINT NOT NULL,
                at BIGINT NOT NULL,
                recorded_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                UNIQUE (incident_id, seq)
            )
            """,
            appendOnlyFunction,
        ] + appendOnlyTriggers("events") + [
            // The projection, rewritten in each append's transaction; its row is also
            // the lock that serialises one incident's writers (SELECT … FOR UPDATE).
            """
            CREATE TABLE incidents (
                id BIGINT PRIMARY KEY,
                title TEXT NOT NULL,
                severity BIGINT NOT NULL,
                status TEXT NOT NULL,
                phase TEXT NOT NULL,
                opened_at BIGINT NOT NULL,
                closed_at BIGINT,
                updated_at BIGINT NOT NULL,
                last_seq BIGINT NOT NULL,
                head_hash TEXT NOT NULL,
                state_seq BIGINT NOT NULL,
                state TEXT NOT NULL
            )
            """,
            "CREATE INDEX incidents_by_update ON incidents (status, updated_at)",
        ]),
        Migration(identifier: "v2-bodies", statements: [
            "CREATE TABLE bodies (sha256 TEXT PRIMARY KEY, bytes BYTEA NOT NULL)",
        ] + appendOnlyTriggers("bodies")),
        Migration(identifier: "v2-kept-log-lines", statements: [
            """
            CREATE TABLE kept_log_lines (
                id BIGSERIAL PRIMARY KEY,
                incident_id BIGINT NOT NULL,
                source_id TEXT NOT NULL,
                source_name TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                at BIGINT NOT NULL,
                arrived_at BIGINT NOT NULL,
                level TEXT NOT NULL,
                raw BYTEA NOT NULL,
                raw_length BIGINT NOT NULL,
                sha256 TEXT NOT NULL
            )
            """,
            "CREATE INDEX kept_log_lines_by_incident ON kept_log_lines (incident_id, id)",
            "CREATE TABLE kept_log_sources (incident_id BIGINT NOT NULL, source_id TEXT NOT NULL, cursor TEXT, PRIMARY KEY (incident_id, source_id))",
            "CREATE TABLE kept_log_drops (incident_id BIGINT PRIMARY KEY, dropped BIGINT NOT NULL)",
        ]),
        Migration(identifier: "v3-kept-log-line-bytes", statements: [
            "CREATE TABLE kept_log_bytes (incident_id BIGINT PRIMARY KEY, bytes BIGINT NOT NULL)",
        ]),
        // Who has an incident open, from any machine (PostgresPresenceBoard): not a fact of the incident, outside the chain.
        Migration(identifier: "v4-presence", statements: [
            """
            CREATE TABLE presence (
                session TEXT PRIMARY KEY,
                operator_name TEXT NOT NULL,
                mode TEXT NOT NULL,
                incident_id BIGINT NOT NULL,
                heartbeat_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX presence_by_incident ON presence (incident_id, heartbeat_at)",
        ]),
        // The folded-state checkpoint in a table of its own (as SQLite's v4-checkpoints): in the
        // `incidents` row, every append's update wrote a new version of the row, JSON and all.
        // `incidents.state_seq` still says which seq it is at (read under the row's lock); `state` stays empty.
        Migration(identifier: "v5-checkpoints", statements: [
            "CREATE TABLE checkpoints (incident_id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, state TEXT NOT NULL)",
            "INSERT INTO checkpoints (incident_id, seq, state) SELECT id, state_seq, state FROM incidents WHERE state <> ''",
            "UPDATE incidents SET state = '' WHERE state <> ''",
        ]),
    ]

    /// Brings the database up to this build's schema, or refuses it. Under a
    /// transaction-level advisory lock, so two first connections never both migrate.
    static func prepare(_ session: BlockingPostgresConnection, migrate: Bool) throws {
        let location = session.location
        try session.inTransaction { connection in
            if migrate { try session.rows(connection, "SELECT pg_advisory_xact_lock(\(migrationLock))") }
            let tables = try session.rows(connection, """
                SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()
                """).map { try $0.decode(String.self) }
            var applied: [String] = []
            if tables.contains("firebreak_migrations") {
                applied = try session.rows(connection, "SELECT identifier FROM firebreak_migrations").map { try $0.decode(String.self) }
            } else if tables.contains("events") || tables.contains("incidents") {
                throw StoreError.notAFirebreakDatabase(path: location.description, reason: "it has events or incidents tables but no Firebreak schema")
            }
            let known = Set(migrations.map(\.identifier))
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: location.description, migrations: unknown) }
            guard migrate else {
                if applied.isEmpty { throw StoreError.noDatabase(path: location.description) }
                return
            }
            if !tables.contains("firebreak_migrations") {
                try session.run(connection, "CREATE TABLE firebreak_migrations (identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            }
            for migration in migrations where !applied.contains(migration.identifier) {
                for statement in migration.statements { try session.run(connection, statement) }
                try session.rows(connection, "INSERT INTO firebreak_migrations (identifier) VALUES (\(migration.identifier))")
            }
        }
    }

    /// The advisory lock key under which the schema is migrated.
    static let migrationLock: Int64 = 0x4669_7265_6272_6B01
    /// The advisory lock key under which incidents are numbered.
    static let numberingLock: Int64 = 0x4669_7265_6272_6B02
    /// The channel a commit notifies (its payload: the incident's number).
    static let changeChannel = "firebreak_changes"
}
