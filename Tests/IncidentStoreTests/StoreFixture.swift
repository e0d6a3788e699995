import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
import PostgresStore
import Testing

/// The two implementations of `IncidentEventStore`, for suites that must hold for both.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

/// One fresh, empty database of a kind: stores on it, and raw SQL as someone
/// with direct access to it (the file, or the server's credentials) would run.
final class StoreFixture: @unchecked Sendable {
    let kind: StoreKind
    let folder: TemporaryFolder
    /// For PostgreSQL: the database's name on the shared test server.
    private let database: String?
    let location: IncidentStoreLocation

    init(_ kind: StoreKind) throws {
        self.kind = kind
        folder = try TemporaryFolder()
        switch kind {
        case .sqlite:
            database = nil
            location = .file(folder.path("incidents.db"))
        case .postgresql:
            let created = try PostgresServer.shared().createDatabase()
            database = created.name
            location = try IncidentStoreLocation(created.url)
        }
    }

    /// A new store on this database (another "process"'s view: nothing cached).
    func writable(signer: HeadSigner? = nil) throws -> any IncidentEventStore {
        try location.openWritable(signer: signer)
    }

    func readOnly() throws -> any IncidentEventStore {
        try #require(try location.openReadOnly())
    }

    /// Runs SQL directly on the database; rows one a line, columns joined by `|`.
    @discardableResult
    func sql(_ sql: String) throws -> String {
        switch kind {
        case .sqlite: return try sqlite3(folder.path("incidents.db"), sql)
        case .postgresql: return try PostgresServer.shared().psql(database: database!, sql)
        }
    }

    /// SQL that differs between the two dialects.
    func dialect(sqlite: String, postgresql: String) -> String {
        kind == .sqlite ? sqlite : postgresql
    }

    /// Takes the append-only guards off the events, as an attacker with full access would.
    func dropAppendOnlyGuards() throws {
        try sql(dialect(sqlite: "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete",
                        postgresql: "ALTER TABLE events DISABLE TRIGGER USER"))
    }

    /// Changes the events with their guards off.
    func tamper(_ change: String) throws {
        try dropAppendOnlyGuards()
        try sql(change)
    }

    /// An incident with a few events of every common kind.
    func seeded() throws -> (any IncidentEventStore, IncidentID) {
        let store = try writable()
        let id = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        try store.append(to: id, actor: "bob", at: nil) { _ in
            [.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance, region: "us-east-1", state: .compromised))]
        }
        try store.append(to: id, actor: "alice", at: nil) { _ in [.phaseEntered(PhaseEntered(phase: .containment))] }
        try store.append(to: id, actor: "carol", at: nil) { _ in [.noteAdded(NoteAdded(text: "isolating now"))] }
        try store.append(to: id, actor: "bob", at: nil) { _ in
            [.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .compromised, to: .contained))]
        }
        return (store, id)
    }
}
