import Foundation
import IncidentModel

/// One durable append from the command line, process start to exit
/// (`firebreak note INC-1 …`), against `sqlite3 DB "INSERT …"` as a process
/// on a WAL database with `synchronous=FULL`, as Firebreak's is. The two are
/// interleaved so both see the same machine noise.
enum CLIAppendFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions) throws -> Figure {
        let name = "one durable append from the CLI"
        let target = "≤ 3× baseline"
        guard let sqlite3 = workspace.sqlite3 else {
            return .pending(name, unit: "ms", target: target, reason: "the sqlite3 command is not installed (the baseline)")
        }
        let database = workspace.path("cli-append.db")
        let id = try IncidentFixture.build(workspace, database: database, title: "cli append", events: 1_000)
        let plain = workspace.path("cli-append-baseline.db")
        let path = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        _ = try ChildProcess.output(sqlite3, [plain, "PRAGMA journal_mode=WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"],
                                    environment: path)
        let (firebreak, baseline) = try interleaved(options.cliAppends, in: workspace, database: database, id: id, store: "") { text in
            try ChildProcess.run(sqlite3, [plain, "PRAGMA synchronous=FULL; INSERT INTO notes (text) VALUES ('\(text)');"], environment: path)
        }
        let value = firebreak.median
        return Figure(name: name, value: value, unit: "ms", baseline: baseline.median, baselineLabel: "sqlite3 INSERT process",
                      target: target, met: value <= 3 * baseline.median, samples: firebreak.count,
                      note: "p90 \(FigureTable.number(firebreak.percentile(90))) ms vs \(FigureTable.number(baseline.percentile(90))) ms, on an incident of 1,000 events")
    }

    /// `count` notes by `firebreak note` into `id` on `database`, each followed by `baseline` inserting the same
    /// text: both timings, in milliseconds. `store` names the store in a failure (" on PostgreSQL").
    static func interleaved(_ count: Int, in workspace: BenchWorkspace, database: String, id: IncidentID, store: String,
                            baseline insert: (String) throws -> ChildProcess.Finished) throws -> (firebreak: Samples, baseline: Samples) {
        var firebreak = Samples(), baseline = Samples()
        for index in 1...count {
            let text = "bench cli note \(index)"
            let run = try ChildProcess.run(workspace.firebreak, ["note", id.description, text], environment: workspace.environment(database: database))
            guard run.status == 0 else { throw BenchError("firebreak note\(store) failed (exit \(run.status))") }
            firebreak.add(run.seconds * 1000)
            let inserted = try insert(text)
            guard inserted.status == 0 else { throw BenchError("the baseline insert\(store) failed (exit \(inserted.status))") }
            baseline.add(inserted.seconds * 1000)
        }
        return (firebreak, baseline)
    }
}
