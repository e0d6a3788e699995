import GRDB

extension SQLiteIncidentStore {
    /// The schema, one migration per change. Never edit a shipped migration:
    /// add a new one (a database written by a newer build is refused, not guessed at).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log") { db in
            // The source of truth: append-only, one hash chain per incident.
            try db.execute(sql: """
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY,
                    incident_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    UNIQUE (incident_id, seq)
                );
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                """)
            // A projection for fast reads, rewritten in the same transaction as
            // each append: the list's columns, the chain's head, and a checkpoint
            // of the folded state (as JSON, at seq `state_seq`, refreshed every
            // `checkpointInterval` events so an append never re-encodes the whole incident).
            // Since v4-checkpoints the JSON is in `checkpoints` and `state` stays empty.
            try db.execute(sql: """
                CREATE TABLE incidents (
                    id INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    severity INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    opened_at INTEGER NOT NULL,
                    closed_at INTEGER,
                    updated_at INTEGER NOT NULL,
                    last_seq INTEGER NOT NULL,
                    head_hash TEXT NOT NULL,
                    state_seq INTEGER NOT NULL,
                    state TEXT NOT NULL
                );
                CREATE INDEX incidents_by_update ON incidents (status, updated_at);
                """)
        }
        migrator.registerMigration("v2-bodies") { db in
            // Whole outputs too long for an event, each once under its SHA-256;
            // the events that refer to them carry the hash, so the chain covers them.
            try db.execute(sql: """
                CREATE TABLE bodies (
                    sha256 TEXT PRIMARY KEY,
                    bytes BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE TRIGGER bodies_no_update BEFORE UPDATE ON bodies
                    BEGIN SELECT RAISE(ABORT, 'bodies are append-only'); END;
                CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
                    BEGIN SELECT RAISE(ABORT, 'bodies are append-only'); END;
                """)
        }
        migrator.registerMigration("v2-kept-log-lines") { db in
            // Lines of external log sources and their cursors: what was seen, kept
            // for replay; capped and outside the hash chain (see KeptLogLine).
            try createKeptLogLineTables(db)
        }
        migrator.registerMigration("v3-kept-log-line-bytes") { db in
            // The raw bytes each incident keeps, so the byte cap needs no scan.
            try createKeptLogByteTotals(db)
        }
        migrator.registerMigration("v4-checkpoints") { db in
            // The folded-state checkpoint in a table of its own: kept in the `incidents`
            // row, every append rewrote the whole JSON with the row's few columns.
            // `incidents.state_seq` still says which seq the checkpoint is at (it is
            // the row an append rewrites anyway); `incidents.state` is left empty.
            try createCheckpointTable(db)
        }
        return migrator
    }

    /// One checkpoint per incident (`checkpoints`), moved out of the `incidents` rows.
    static func createCheckpointTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE checkpoints (
                incident_id INTEGER PRIMARY KEY,
                seq INTEGER NOT NULL,
                state TEXT NOT NULL
            );
            INSERT INTO checkpoints (incident_id, seq, state) SELECT id, state_seq, state FROM incidents WHERE state <> '';
            UPDATE incidents SET state = '' WHERE state <> '';
            """)
    }
}
