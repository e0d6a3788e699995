import Foundation

/// Incidents of each size, built once per run and shared by the figures
/// that read them (console start, memory, replay), all in one database.
final class IncidentLibrary {
    struct Entry {
        var database: String
        var id: String
        /// The newest note's text: on screen means the first full frame is drawn.
        var marker: String
    }

    private let workspace: BenchWorkspace
    private var entries: [Int: Entry] = [:]
    let database: String

    init(_ workspace: BenchWorkspace) {
        self.workspace = workspace
        database = workspace.path("library.db")
    }

    /// The incident of `events` events, building it on first use.
    func incident(events: Int) throws -> Entry {
        if let entry = entries[events] { return entry }
        let marker = "finalmark" + String(Array("ABCDEFGHJKLMNPQRSTUVWXYZ")[entries.count % 24])
        let id = try IncidentFixture.build(workspace, database: database, title: "incident of \(events) events", events: events, lastNote: marker)
        let entry = Entry(database: database, id: id.description, marker: marker)
        entries[events] = entry
        return entry
    }
}
