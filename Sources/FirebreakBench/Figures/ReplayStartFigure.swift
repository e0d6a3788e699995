import Foundation

/// Replay's first frame: `firebreak replay INC` spawned on a 200×60
/// pseudo-terminal, timed from the spawn to the moment the scrubber's status
/// for the first event (`⏸ 1/`) reaches the terminal, which the replay draws
/// from its first stage (the opening, the count and the phase entries,
/// `ReplayLog.open`) while the rest is indexed in the background. Against the process start of
/// `firebreak --version`, measured in the same minutes.
enum ReplayStartFigure {
    /// The scrubber's status at the first event, paused: drawn with the first replay frame.
    static let marker = "⏸ 1/"

    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, library: IncidentLibrary) throws -> Figure {
        let events = options.replayEvents
        let incident = try library.incident(events: events)
        var frame = Samples(), version = Samples()
        var peak = 0
        for _ in 1...options.repetitions {
            let run = try ChildProcess.run(workspace.firebreak, ["--version"], environment: workspace.environment(database: incident.database))
            guard run.status == 0 else { throw BenchError("firebreak --version failed (exit \(run.status))") }
            version.add(run.seconds * 1000)
            let replay = try ConsoleSession.start(workspace, database: incident.database, arguments: ["replay", incident.id])
            guard let shown = replay.waitFor(marker, timeout: 300) else {
                replay.stop()
                throw BenchError("the replay of \(incident.id) showed no first frame within 300 s")
            }
            frame.add((shown - replay.startedAt) * 1000)
            peak = max(peak, replay.peakResidentBytes() ?? 0)
            replay.stop()
        }
        let value = frame.median
        let atMillion = events >= 1_000_000
        return Figure(name: "replay: first frame, \(FigureTable.number(Double(events))) events", value: value, unit: "ms",
                      baseline: version.median, baselineLabel: "firebreak --version",
                      target: atMillion ? "≤ 1,000 ms" : "(≤ 1,000 ms at 1M)", met: atMillion ? value <= 1000 : nil, samples: frame.count,
                      note: "firebreak replay on a 200×60 pseudo-terminal until the scrubber shows event 1; peak resident \(peak / 1_048_576) MB")
    }
}
