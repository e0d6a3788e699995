import Foundation
import IncidentModel
import IncidentStore
import PostgresStore

/// Builds incidents of a given size quickly: opened by the real `firebreak
/// open` (so the default playbook is there, as for a responder), then filled
/// with notes through the store's own append path (hash chain, validation,
/// projection and checkpoints included), many notes per transaction.
enum IncidentFixture {
    /// Notes per transaction while building.
    static let batch = 20_000

    /// Opens an incident titled `title` in `database` (a file or a `postgresql://` URL) and appends `events - 1`
    /// notes; the last note's text is `lastNote` when given. Returns its id.
    @discardableResult
    static func build(_ workspace: BenchWorkspace, database: String, title: String, events: Int, lastNote: String? = nil) throws -> IncidentID {
        let printed = try workspace.firebreak(["open", "--title", title, "--severity", "2"], database: database)
        guard let token = printed.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).first(where: { $0.hasPrefix("INC-") }),
              let id = try? IncidentID(parsing: String(token)) else {
            throw BenchError("firebreak open printed no incident id: \(printed.prefix(80))")
        }
        try fill(id, database: database, upTo: events, lastNote: lastNote)
        return id
    }

    /// Appends notes until the incident holds `events` events; the last note's text is `lastNote` when given.
    /// `database`: a SQLite file's path or a `postgresql://` URL.
    static func fill(_ id: IncidentID, database: String, upTo events: Int, lastNote: String? = nil) throws {
        let store = try IncidentStoreLocation(database).openWritable(signer: nil)
        let existing = Int(try store.state(of: id).lastSeq)
        var next = existing + 1
        while next <= events {
            let count = min(batch, events - next + 1)
            let texts: [String] = (next..<(next + count)).map { seq in
                if seq == events, let lastNote { return lastNote }
                return "bench note \(seq): checked the proxy logs for the beacon"
            }
            try store.append(to: id, actor: "bench", at: nil) { _ in texts.map { .noteAdded(NoteAdded(text: $0)) } }
            next += count
        }
    }
}
