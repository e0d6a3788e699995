import Foundation
import IncidentModel
import IncidentStore
import PostgresStore

/// A change committed by one process, visible in another's console through a
/// PostgreSQL server: a `firebreak watch` console on a real terminal, on the
/// bench's server, and the bench appending a note through its own connection;
/// timed from the commit to the moment the console has drawn it. That covers
/// the commit's `NOTIFY`, the watcher's `LISTEN` connection, the store
/// worker's read over the network, the model update, the redraw and the terminal write.
enum PostgresChangeVisibilityFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, server: PostgresBenchServer) throws -> Figure {
        let url = try server.createDatabase("change")
        let id = try IncidentFixture.build(workspace, database: url, title: "change", events: 1_000, lastNote: "watchreadymark")
        let console = try ConsoleSession.start(workspace, database: url, arguments: ["watch", id.description])
        defer { console.stop() }
        guard console.waitFor("watchreadymark", timeout: 60) != nil else { throw BenchError("the watch console on PostgreSQL showed no first frame within 60 s") }
        console.drain(quiet: 0.3)
        let store = try PostgresIncidentStore(location: try PostgresLocation.parse(url))
        defer { store.close() }
        var latency = Samples()
        var generator = SystemRandomNumberGenerator()
        for number in 1...options.changeSamples {
            // A random pause, as the SQLite figure takes, so the appends keep step with nothing.
            console.drain(quiet: Double.random(in: 0.05...0.2, using: &generator))
            let offset = console.output.count
            let marker = ConsoleSession.marker(number)
            try store.append(to: id, actor: "bench", at: nil) { _ in [.noteAdded(NoteAdded(text: "seen \(marker)"))] }
            let committed = Stopwatch.now()
            guard let shown = console.waitFor(marker, from: offset, timeout: 10) else {
                throw BenchError("a note appended through the server did not reach the watch console within 10 s")
            }
            latency.add((shown - committed) * 1000)
        }
        let p50 = latency.median, p99 = latency.percentile(99)
        return Figure(name: "change in one process visible in another's console, through PostgreSQL", value: p50, unit: "ms",
                      baseline: nil, baselineLabel: nil, target: "p50 ≤ 100 ms, p99 ≤ 250 ms", met: p50 <= 100 && p99 <= 250,
                      samples: latency.count, note: "p99 \(FigureTable.number(p99)) ms, max \(FigureTable.number(latency.percentile(100))) ms; LISTEN/NOTIFY")
    }
}
