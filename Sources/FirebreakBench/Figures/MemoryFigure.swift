import Foundation

/// Peak resident memory (`VmHWM` from /proc) of the real console with a large
/// incident open and a followed log file that received many lines.
///
/// The console keeps at most its log pane's capacity of lines (5,000) however
/// many arrive; the figure feeds it the full count anyway, so what is
/// measured is what a responder's machine would see.
enum MemoryFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, library: IncidentLibrary) throws -> Figure {
        let incident = try library.incident(events: options.memoryEvents)
        let log = workspace.path("memory.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let console = try ConsoleSession.start(workspace, database: incident.database, arguments: ["console", incident.id, "--tail", log])
        defer { console.stop() }
        guard console.waitFor(incident.marker, timeout: 180) != nil else { throw BenchError("the console showed no first frame within 180 s") }
        let atStart = console.peakResidentBytes() ?? 0
        let lines = options.memoryLogLines
        var text = ""
        for number in 0..<lines { text += BusyIncident.logLine(number) + "\n" }
        let last = "lastlogmark"
        text += last + " " + String(BusyIncident.logLine(lines).prefix(80)) + "\n"  // the marker first: long lines are cut
        let offset = console.output.count
        try text.write(toFile: log, atomically: false, encoding: .utf8)
        guard console.waitFor(last, from: offset, timeout: 120) != nil else { throw BenchError("the console did not show the last of \(lines) log lines within 120 s") }
        console.drain(quiet: 0.5)
        let peak = Double(console.peakResidentBytes() ?? 0) / 1_048_576
        return Figure(name: "memory, \(FigureTable.number(Double(options.memoryEvents)))-event incident + \(FigureTable.number(Double(lines))) log lines",
                      value: peak, unit: "MB", baseline: nil, baselineLabel: nil, target: "≤ 100 MB resident", met: peak <= 100, samples: 1,
                      note: "VmHWM of the console process; \(atStart / 1_048_576) MB at its first frame, before the log lines")
    }
}
