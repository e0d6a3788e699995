import Foundation

/// One durable append from the command line to a PostgreSQL server, process
/// start to exit (`firebreak note INC-1 …` with `FIREBREAK_DB` a
/// `postgresql://` URL), against `psql -c "INSERT …"` as a process on the
/// same server: each connects over TCP to 127.0.0.1, commits one row durably
/// and exits. The two are interleaved so both see the same machine noise.
enum PostgresCLIAppendFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, server: PostgresBenchServer) throws -> Figure {
        let url = try server.createDatabase("cli_append")
        let id = try IncidentFixture.build(workspace, database: url, title: "cli append", events: 1_000)
        _ = try server.createDatabase("cli_append_baseline")
        try server.sql(database: "cli_append_baseline", "CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, text TEXT NOT NULL)")
        let (firebreak, baseline) = try CLIAppendFigure.interleaved(options.cliAppends, in: workspace, database: url, id: id, store: " on PostgreSQL") { text in
            try ChildProcess.run(server.psql, server.psqlArguments("cli_append_baseline") + ["-c", "INSERT INTO notes (text) VALUES ('\(text)')"],
                                 environment: server.psqlEnvironment)
        }
        let stored = try server.sql(database: "cli_append", "SELECT last_seq FROM incidents WHERE id = \(id.rawValue)")
        guard stored == String(1_000 + options.cliAppends) else { throw BenchError("the incident holds \(stored) events, not \(1_000 + options.cliAppends)") }
        let value = firebreak.median
        return Figure(name: "one durable append from the CLI to PostgreSQL", value: value, unit: "ms", baseline: baseline.median,
                      baselineLabel: "psql -c INSERT process", target: "≤ 3× baseline (as SQLite's)", met: value <= 3 * baseline.median,
                      samples: firebreak.count,
                      note: "p90 \(FigureTable.number(firebreak.percentile(90))) ms vs \(FigureTable.number(baseline.percentile(90))) ms, on an incident of 1,000 events")
    }
}
