import Foundation

/// Console start to the first full frame on a real terminal, for incidents of
/// several sizes, against the process start of `firebreak --version`.
enum ConsoleStartFigure {
    /// One figure per size; the first frame's resident memory goes in the note.
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, library: IncidentLibrary) throws -> [Figure] {
        let database = library.database
        let incidents = try options.consoleSizes.map { size in
            let entry = try library.incident(events: size)
            return (size: size, id: entry.id, marker: entry.marker)
        }
        var version = Samples()
        for _ in 1...options.repetitions {
            let run = try ChildProcess.run(workspace.firebreak, ["--version"], environment: workspace.environment(database: database))
            guard run.status == 0 else { throw BenchError("firebreak --version failed (exit \(run.status))") }
            version.add(run.seconds * 1000)
        }
        return try incidents.map { incident in
            var frame = Samples()
            var peak = 0
            for _ in 1...options.repetitions {
                let console = try ConsoleSession.start(workspace, database: database, arguments: ["console", incident.id])
                guard let shown = console.waitFor(incident.marker, timeout: 120) else {
                    console.stop()
                    throw BenchError("the console on \(incident.id) showed no first frame within 120 s")
                }
                frame.add((shown - console.startedAt) * 1000)
                peak = max(peak, console.peakResidentBytes() ?? 0)
                console.stop()
            }
            let value = frame.median
            return Figure(name: "console start to first full frame, \(FigureTable.number(Double(incident.size))) events",
                          value: value, unit: "ms", baseline: version.median, baselineLabel: "firebreak --version",
                          target: "≤ 2× baseline", met: value <= 2 * version.median, samples: frame.count,
                          note: "peak resident at the first frame \(peak / 1_048_576) MB")
        }
    }
}
