import Console
import Foundation
import IncidentModel
import IncidentStore
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Replay seek to a random point of a large incident, through the console's
/// public model exactly as a reviewer drives it: `t`, a time typed into the
/// prompt, Enter, then the redraw. The random times are uniform over the
/// incident's recorded span.
///
/// The replay runs in a child process (this executable with the hidden
/// `--replay-probe`), watched by the parent: a replay that grows past
/// `memoryCeiling` is killed and the figure reported as not reachable,
/// instead of taking the machine (and the run) down with it.
enum ReplaySeekFigure {
    static let memoryCeiling = 8 << 30

    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, library: IncidentLibrary) throws -> Figure {
        let name = "replay seek to a random point, \(FigureTable.number(Double(options.replayEvents))) events"
        let incident = try library.incident(events: options.replayEvents)
        let output = workspace.path("replay-probe.json")
        let errors = workspace.path("replay-probe.err")
        let pid = try ChildProcess.spawn("/proc/self/exe", ["--replay-probe", incident.database, incident.id, String(options.replaySeeks)],
                                         environment: ProcessInfo.processInfo.environment, stdout: output, stderr: errors)
        var peak = 0
        let deadline = Stopwatch.now() + 900
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            let resident = ChildProcess.residentBytes(pid) ?? 0
            peak = max(peak, resident)
            if resident > memoryCeiling || Stopwatch.now() > deadline {
                kill(pid, SIGKILL)
                _ = ChildProcess.waitFor(pid)
                let why = resident > memoryCeiling ? "loading the replay grew past \(memoryCeiling >> 30) GB resident" : "loading the replay took over 15 minutes"
                return .pending(name, unit: "ms", target: "≤ 50 ms", reason: "\(why) and was stopped; see docs/BENCHMARKS.md")
            }
            usleep(100_000)
        }
        guard let data = FileManager.default.contents(atPath: output),
              let result = try? JSONDecoder().decode(ProbeResult.self, from: data), !result.seeks.isEmpty else {
            let problem = (try? String(contentsOfFile: errors, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? "no output"
            return .pending(name, unit: "ms", target: "≤ 50 ms", reason: "the replay probe failed: \(problem)")
        }
        let seeks = Samples(result.seeks)
        let value = seeks.median
        return Figure(name: name, value: value, unit: "ms", baseline: nil, baselineLabel: nil, target: "≤ 50 ms", met: value <= 50,
                      samples: seeks.count,
                      note: "max \(FigureTable.number(seeks.percentile(100))) ms; loading the replay took \(FigureTable.number(result.load * 1000)) ms, peak resident \(peak >> 20) MB")
    }

    struct ProbeResult: Codable {
        /// Seconds to read the events and build the replay.
        var load: Double
        /// Milliseconds per seek (Enter in the prompt, then the redraw).
        var seeks: [Double]
    }

    /// The child's side: load the incident into a replay console model, seek
    /// `count` times, print the timings as JSON.
    static func probe(database: String, incident: String, count: Int) throws {
        let store = try SQLiteIncidentStore(path: database, mode: .readOnly)
        let id = try IncidentID(parsing: incident)
        var model = ConsoleModel(mode: .replay, operatorName: "bench", size: Size(width: ConsoleSession.columns, height: ConsoleSession.rows))
        let start = Stopwatch.now()
        // Both stages of what the console's store worker does for `firebreak replay` (the first frame's, then the whole index).
        _ = model.update(.replayLoaded(try ReplayLog.load(id, from: store)))
        _ = ConsoleView.render(model)
        let load = Stopwatch.now() - start
        // The recorded span, read apart from the replay so the replay's own memory is all the child holds besides.
        guard let first = try store.events(of: id, since: 0).first?.event.recordedAt,
              let last = try store.state(of: id).lastRecordedAt as Date? else { throw BenchError("\(incident) has no events") }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seeks: [Double] = []
        var positions: Set<Int64> = []
        for _ in 0..<count {
            let target = Date(timeIntervalSince1970: Double.random(in: first.timeIntervalSince1970...last.timeIntervalSince1970))
            _ = model.update(.key(.character("t")))
            for character in formatter.string(from: target) { _ = model.update(.key(.character(character))) }
            let begin = Stopwatch.now()
            // The seek's read, done as the console's store worker does it, its answer back to the model.
            for case .readReplay(let read) in model.update(.key(.enter)) {
                _ = model.update(.replayEvents(read, try read.perform()))
            }
            _ = ConsoleView.render(model)
            seeks.append((Stopwatch.now() - begin) * 1000)
            positions.insert(model.state?.lastSeq ?? 0)
        }
        // Random times over the span land on different events; if they all show one, the seek did nothing.
        guard count < 3 || last.timeIntervalSince(first) < 2 || positions.count > 1 else { throw BenchError("seeking to \(count) random times left the replay at one position") }
        let data = try JSONEncoder().encode(ProbeResult(load: load, seeks: seeks))
        FileHandle.standardOutput.write(data)
    }
}
