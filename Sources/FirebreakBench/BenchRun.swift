import Foundation

/// Runs the chosen figures in order and prints the table (or JSON). A figure
/// that fails is reported with its one-line reason and the run goes on; the
/// exit status is non-zero when any failed, so CI notices.
struct BenchRun {
    var options: BenchOptions

    func run() -> Int32 {
        let workspace: BenchWorkspace
        do {
            workspace = try BenchWorkspace()
        } catch {
            FileHandle.standardError.write(Data("firebreak-bench: \(error)\n".utf8))
            return 2
        }
        let library = IncidentLibrary(workspace)
        var figures: [Figure] = []
        var failures = 0
        let started = Stopwatch.now()
        var emulator: Emulator?
        defer { emulator?.stop() }
        var postgres: PostgresBenchServer?
        defer { postgres?.stop() }

        func attempt(_ id: String, _ body: () throws -> [Figure]) {
            guard options.runs(id) else { return }
            progress("\(id)…")
            let begin = Stopwatch.now()
            do {
                let measured = try body()
                figures += measured
                progress("\(id): done in \(String(format: "%.1f", Stopwatch.now() - begin)) s")
                // Each figure as soon as it is known, so a run cut short still leaves its results.
                for figure in measured { progress("  " + FigureTable.summary(figure)) }
            } catch {
                failures += 1
                progress("\(id): FAILED: \(error)")
                figures.append(.pending(id, unit: "", target: "", reason: "failed: \(error)"))
            }
        }
        func withEmulator() throws -> Emulator {
            if let emulator { return emulator }
            let started = try Emulator()
            emulator = started
            return started
        }

        attempt("append") { [try AppendThroughputFigure.measure(workspace, options)] }
        attempt("cli-append") { [try CLIAppendFigure.measure(workspace, options)] }
        attempt("console-start") { try ConsoleStartFigure.measure(workspace, options, library: library) }
        attempt("redraw") { [try RedrawFigure.measure(workspace, options)] }
        attempt("log-bytes") { [try LogLineBytesFigure.measure(workspace, options)] }
        attempt("log-ingest") { [try LogIngestFigure.measure(workspace, options)] }
        attempt("replay-start") { [try ReplayStartFigure.measure(workspace, options, library: library)] }
        attempt("replay-seek") { [try ReplaySeekFigure.measure(workspace, options, library: library)] }
        attempt("change-visible") { [try ChangeVisibilityFigure.measure(workspace, options)] }
        attempt("runner") { [try RunnerOverheadFigure.measure(workspace, options, emulator: try withEmulator())] }
        // Seconds per aws call under the emulator make this one too slow for quick mode's minute.
        if options.quick && options.only.isEmpty {
            figures.append(.pending("isolating many instances vs 1", unit: "ms", target: "≤ 2×", reason: "not run in quick mode (tens of seconds of aws calls)"))
        } else {
            attempt("isolate") { [try IsolateFigure.measure(workspace, options, emulator: try withEmulator())] }
        }
        attempt("memory") { [try MemoryFigure.measure(workspace, options, library: library)] }

        // The shared store: a PostgreSQL server of the bench's own, started once for the three figures.
        let postgresFigures = ["pg-append", "pg-cli-append", "pg-change-visible"]
        if !PostgresBenchServer.isInstalled {
            if postgresFigures.contains(where: options.runs) {
                progress("PostgreSQL figures: skipped (no PostgreSQL under \(PostgresBenchServer.binaries); scripts/setup installs it)")
                figures.append(.pending("PostgreSQL figures (append, CLI append, change between consoles)", unit: "", target: "",
                                        reason: "PostgreSQL is not installed under \(PostgresBenchServer.binaries)"))
            }
        } else {
            func withPostgres() throws -> PostgresBenchServer {
                if let postgres { return postgres }
                let started = try PostgresBenchServer()
                postgres = started
                return started
            }
            attempt("pg-append") { [try PostgresAppendFigure.measure(workspace, options, server: try withPostgres())] }
            attempt("pg-cli-append") { [try PostgresCLIAppendFigure.measure(workspace, options, server: try withPostgres())] }
            attempt("pg-change-visible") { [try PostgresChangeVisibilityFigure.measure(workspace, options, server: try withPostgres())] }
        }

        let seconds = Stopwatch.now() - started
        if options.json {
            let report = BenchReport(quick: options.quick, seconds: seconds, machine: BenchReport.Machine.current(), figures: figures)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            if let data = try? encoder.encode(report) {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        } else {
            print(FigureTable.render(figures), terminator: "")
            print("\n\(options.quick ? "quick mode (tiny sizes: the figures prove the suite runs, not the targets); " : "")"
                  + "\(figures.count) figures in \(String(format: "%.0f", seconds)) s on \(BenchReport.Machine.current().summary)")
        }
        return failures == 0 ? 0 : 1
    }

    /// Progress goes to stderr, so stdout stays the table or the JSON alone.
    private func progress(_ text: String) {
        FileHandle.standardError.write(Data("firebreak-bench: \(text)\n".utf8))
    }
}
