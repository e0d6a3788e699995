import Foundation
import IncidentModel
import IncidentStore
import PostgresStore

/// Events appended per second in one batched append to a PostgreSQL server
/// (hash chain, validation, projection and checkpoint included, one
/// transaction), against `psql` inserting the very same rows, one `INSERT`
/// each, in one transaction into an empty copy of the schema on the same
/// server. The note adds `COPY` of the same rows, the server's fastest way in.
enum PostgresAppendFigure {
    static let columns = "incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash"

    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, server: PostgresBenchServer) throws -> Figure {
        let count = options.appendEvents
        let texts = (1...count).map { "bench note \($0): checked the proxy logs for the beacon" }
        let url = try server.createDatabase("append")
        // Empty copies of the schema (triggers and indexes included), made by Firebreak's own migrations.
        for name in ["append_inserts", "append_copy"] {
            _ = try PostgresIncidentStore(location: try PostgresLocation.parse(try server.createDatabase(name)))
        }
        var firebreak = Samples(), inserts = Samples(), copies = Samples()
        for repetition in 1...options.postgresRepetitions {
            let id = try IncidentFixture.build(workspace, database: url, title: "append \(repetition)", events: 1)
            let store = try PostgresIncidentStore(location: try PostgresLocation.parse(url))
            let seconds = try Stopwatch.time {
                try store.append(to: id, actor: "bench", at: nil) { _ in texts.map { .noteAdded(NoteAdded(text: $0)) } }
            }
            store.close()
            firebreak.add(Double(count) / seconds)

            // The same rows as Firebreak stored them, as INSERT statements and as COPY data.
            let rows = "FROM events WHERE incident_id = \(id.rawValue) AND seq > 1 ORDER BY seq"
            let statements = workspace.path("pg-inserts-\(repetition).sql")
            try server.sql(database: "append", """
                SELECT format('INSERT INTO events (\(columns)) VALUES (%s, %s, %s, %s, %L, %L, %L, %L, %L);', \(columns)) \(rows)
                """, output: statements)
            let script = workspace.path("pg-script-\(repetition).sql")
            try AppendThroughputFigure.writeTransaction(of: statements, to: script)
            let data = workspace.path("pg-copy-\(repetition).tsv")
            try server.sql(database: "append", "COPY (SELECT \(columns) \(rows)) TO STDOUT", output: data)

            let inserted = try ChildProcess.run(server.psql, server.psqlArguments("append_inserts") + ["-f", script], environment: server.psqlEnvironment)
            guard inserted.status == 0 else { throw BenchError("the psql INSERT baseline failed (exit \(inserted.status))") }
            inserts.add(Double(count) / inserted.seconds)
            let copied = try ChildProcess.run(server.psql, server.psqlArguments("append_copy") + ["-c", "COPY events (\(columns)) FROM STDIN"],
                                              environment: server.psqlEnvironment, stdin: data)
            guard copied.status == 0 else { throw BenchError("the psql COPY baseline failed (exit \(copied.status))") }
            copies.add(Double(count) / copied.seconds)
            for database in ["append_inserts", "append_copy"] {
                let stored = try server.sql(database: database, "SELECT count(*) FROM events WHERE incident_id = \(id.rawValue)")
                guard stored == String(count) else { throw BenchError("the \(database) baseline stored \(stored) rows, not \(count)") }
            }
            for file in [statements, script, data] { try? FileManager.default.removeItem(atPath: file) }
        }
        let value = firebreak.median
        return Figure(name: "events appended/s to PostgreSQL, batched (chain + projection)", value: value, unit: "events/s",
                      baseline: inserts.median, baselineLabel: "psql, one transaction of INSERTs",
                      target: "≥ 0.5× baseline (as SQLite's)", met: value >= 0.5 * inserts.median, samples: firebreak.count,
                      note: "\(count) notes per append, durable commits on a server of the bench's own (127.0.0.1); "
                          + "psql COPY of the same rows \(FigureTable.number(copies.median))/s; "
                          + "fastest \(FigureTable.number(firebreak.percentile(100)))/s, slowest \(FigureTable.number(firebreak.percentile(0)))/s")
    }
}
