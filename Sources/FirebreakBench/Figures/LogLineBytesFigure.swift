import Foundation

/// Bytes the console writes to its terminal when one log line arrives,
/// against the bytes of a full redraw of the same screen (after a resize,
/// the console repaints every cell; Ctrl-L does not repaint today). Both are
/// counted on the master side of a real pseudo-terminal, so they are exactly
/// what ncurses sends a responder's terminal emulator (or an SSH link).
enum LogLineBytesFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions) throws -> Figure {
        let database = workspace.path("log-bytes.db")
        let id = try BusyIncident.build(workspace, database: database, events: 2_000, resources: options.busyResources, lastNote: "firstframemark")
        let log = workspace.path("auth.log")
        try (0..<200).map { BusyIncident.logLine($0) + "\n" }.joined().write(toFile: log, atomically: true, encoding: .utf8)
        let console = try ConsoleSession.start(workspace, database: database, arguments: ["console", id.description, "--tail", log])
        defer { console.stop() }
        guard console.waitFor("firstframemark", timeout: 60) != nil else { throw BenchError("the console showed no first frame within 60 s") }
        console.drain(quiet: 0.5)

        var full = Samples()
        for _ in 1...3 {
            // One column narrower and back: the repaint at the original size rewrites every cell.
            console.resize(columns: ConsoleSession.columns - 1, rows: ConsoleSession.rows)
            console.drain(quiet: 0.3)
            let offset = console.output.count
            console.resize(columns: ConsoleSession.columns, rows: ConsoleSession.rows)
            console.drain(quiet: 0.3)
            full.add(Double(console.output.count - offset))
        }
        let appender = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? appender.close() }
        appender.seekToEndOfFile()
        var line = Samples()
        for number in 1...options.logLineArrivals {
            console.drain(quiet: 0.2)
            let offset = console.output.count
            let marker = ConsoleSession.marker(number)
            // The marker first: the log pane cuts long lines at its width.
            let text = marker + " " + String(BusyIncident.logLine(number).prefix(80))
            appender.write(Data((text + "\n").utf8))
            guard console.waitFor(marker, from: offset, timeout: 10) != nil else {
                throw BenchError("a log line appended to the followed file did not reach the screen within 10 s")
            }
            console.drain(quiet: 0.15)
            line.add(Double(console.output.count - offset))
        }
        let value = line.median
        return Figure(name: "bytes written when one log line arrives", value: value, unit: "bytes", baseline: full.median,
                      baselineLabel: "full redraw", target: "≤ 5% of a full redraw", met: value <= 0.05 * full.median,
                      samples: line.count, note: "largest \(Int(line.percentile(100))) bytes; 200×60 pseudo-terminal, TERM=xterm-256color")
    }
}
