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
        let latency = try ChangeVisibilityFigure.latencies(in: console, of: id, appendingThrough: store, samples: options.changeSamples,
                                                           route: "through the server")
        return ChangeVisibilityFigure.figure(named: "change in one process visible in another's console, through PostgreSQL", latency, note: "LISTEN/NOTIFY")
    }
}
