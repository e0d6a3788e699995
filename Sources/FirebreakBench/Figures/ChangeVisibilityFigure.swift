import Foundation
import IncidentModel
import IncidentStore

/// A change committed by one process, visible in another: the bench appends a
/// note (a durable append through the store) and times, from the commit, how
/// long until a `firebreak watch` console on a real terminal has drawn it.
/// That covers the watcher's `PRAGMA data_version` poll, the store worker's
/// read, the model update, the redraw and the terminal write.
enum ChangeVisibilityFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions) throws -> Figure {
        let database = workspace.path("change.db")
        let id = try IncidentFixture.build(workspace, database: database, title: "change", events: 1_000, lastNote: "watchreadymark")
        let console = try ConsoleSession.start(workspace, database: database, arguments: ["watch", id.description])
        defer { console.stop() }
        guard console.waitFor("watchreadymark", timeout: 60) != nil else { throw BenchError("the watch console showed no first frame within 60 s") }
        console.drain(quiet: 0.3)
        let store = try SQLiteIncidentStore(path: database)
        let latency = try latencies(in: console, of: id, appendingThrough: store, samples: options.changeSamples, route: "by another process")
        return figure(named: "change in one process visible in another's console", latency, note: nil)
    }

    /// Appends `samples` notes through `store`, each after a random pause (so the appends keep step with no
    /// watcher's poll), and times from each commit until `console` has drawn it, in milliseconds.
    static func latencies(in console: PseudoTerminal, of id: IncidentID, appendingThrough store: any IncidentEventStore,
                          samples: Int, route: String) throws -> Samples {
        var latency = Samples()
        var generator = SystemRandomNumberGenerator()
        for number in 1...samples {
            console.drain(quiet: Double.random(in: 0.05...0.2, using: &generator))
            let offset = console.output.count
            let marker = ConsoleSession.marker(number)
            try store.append(to: id, actor: "bench", at: nil) { _ in [.noteAdded(NoteAdded(text: "seen \(marker)"))] }
            let committed = Stopwatch.now()
            guard let shown = console.waitFor(marker, from: offset, timeout: 10) else {
                throw BenchError("a note appended \(route) did not reach the watch console within 10 s")
            }
            latency.add((shown - committed) * 1000)
        }
        return latency
    }

    /// The figure for `latency`: its median against the target, with the tail in the note.
    static func figure(named name: String, _ latency: Samples, note: String?) -> Figure {
        let p50 = latency.median, p99 = latency.percentile(99)
        return Figure(name: name, value: p50, unit: "ms", baseline: nil, baselineLabel: nil,
                      target: "p50 ≤ 100 ms, p99 ≤ 250 ms", met: p50 <= 100 && p99 <= 250, samples: latency.count,
                      note: "p99 \(FigureTable.number(p99)) ms, max \(FigureTable.number(latency.percentile(100))) ms" + (note.map { "; \($0)" } ?? ""))
    }
}
