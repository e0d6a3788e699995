import Foundation
import IncidentModel
import IncidentStore

/// Events appended per second in one batched append (hash chain, validation,
/// projection and checkpoint included), against the `sqlite3` command
/// inserting the very same rows in one transaction into a copy of the schema.
enum AppendThroughputFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions) throws -> Figure {
        let name = "events appended/s, batched (chain + projection)"
        let target = "≥ 0.8× baseline"
        guard let sqlite3 = workspace.sqlite3 else {
            return .pending(name, unit: "events/s", target: target, reason: "the sqlite3 command is not installed (the baseline)")
        }
        let count = options.appendEvents
        let texts = (1...count).map { "bench note \($0): checked the proxy logs for the beacon" }
        var firebreak = Samples(), baseline = Samples()
        for repetition in 1...options.repetitions {
            let database = workspace.path("append-\(repetition).db")
            let id = try IncidentFixture.build(workspace, database: database, title: "append", events: 1)
            let store = try SQLiteIncidentStore(path: database)
            let seconds = try Stopwatch.time {
                try store.append(to: id, actor: "bench", at: nil) { _ in texts.map { .noteAdded(NoteAdded(text: $0)) } }
            }
            firebreak.add(Double(count) / seconds)

            // The same rows, as INSERT statements, into an empty copy of the schema.
            let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            let schema = try ChildProcess.output(sqlite3, [database, ".schema"], environment: environment)
            let copy = workspace.path("append-baseline-\(repetition).db")
            let schemaFile = workspace.path("append-schema-\(repetition).sql")
            try ("PRAGMA journal_mode=WAL;\n" + schema + "\n").write(toFile: schemaFile, atomically: true, encoding: .utf8)
            _ = try ChildProcess.output(sqlite3, [copy], environment: environment, stdin: schemaFile)
            let inserts = workspace.path("append-inserts-\(repetition).sql")
            try ChildProcess.run(sqlite3, ["-cmd", ".mode insert events", database, "SELECT * FROM events WHERE seq > 1 ORDER BY seq"],
                                 environment: environment, stdout: inserts)
            let script = workspace.path("append-script-\(repetition).sql")
            try writeTransaction(of: inserts, to: script, after: "PRAGMA synchronous=FULL;\n")
            let run = try ChildProcess.run(sqlite3, [copy], environment: environment, stdin: script)
            guard run.status == 0 else { throw BenchError("the sqlite3 baseline failed (exit \(run.status))") }
            let stored = try ChildProcess.output(sqlite3, [copy, "SELECT count(*) FROM events"], environment: environment)
            guard stored == String(count) else { throw BenchError("the sqlite3 baseline stored \(stored) rows, not \(count)") }
            baseline.add(Double(count) / run.seconds)
            for file in [database, copy].flatMap({ [$0, $0 + "-wal", $0 + "-shm"] }) + [schemaFile, inserts, script] {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
        let value = firebreak.median
        return Figure(name: name, value: value, unit: "events/s", baseline: baseline.median, baselineLabel: "sqlite3, one transaction",
                      target: target, met: value >= 0.8 * baseline.median, samples: firebreak.count,
                      note: "\(count) notes per append; fastest \(FigureTable.number(firebreak.percentile(100)))/s, slowest \(FigureTable.number(firebreak.percentile(0)))/s")
    }

    /// A script that runs the statements in `statements` as one transaction, `preamble` first.
    static func writeTransaction(of statements: String, to script: String, after preamble: String = "") throws {
        try (preamble + "BEGIN;\n").write(toFile: script, atomically: true, encoding: .utf8)
        let body = try Data(contentsOf: URL(fileURLWithPath: statements))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: script))
        handle.seekToEndOfFile()
        handle.write(body)
        handle.write(Data("COMMIT;\n".utf8))
        try handle.close()
    }
}
