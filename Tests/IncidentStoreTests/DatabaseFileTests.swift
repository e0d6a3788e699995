import Foundation
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

@Suite("The database file: permissions, foreign files, schema versions, read-only")
struct DatabaseFileTests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    @Test func createdPrivateInAPrivateFolder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("new/deeper/incidents.db")
        let store = try SQLiteIncidentStore(path: path)
        _ = try store.openIncident(.sample, actor: "alice", at: nil)
        #expect(try mode(path) == 0o600)
        #expect(try mode(folder.path("new/deeper")) == 0o700)
        #expect(try mode(folder.path("new")) == 0o700)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(try sqlite3(path, "PRAGMA journal_mode").trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
    }

    @Test func aPathThatCannotBeCreatedIsNamed() throws {
        let folder = try TemporaryFolder()
        try Data("x".utf8).write(to: folder.url.appendingPathComponent("file"))
        #expect {
            try SQLiteIncidentStore(path: folder.path("file/incidents.db"))
        } throws: { error in
            "\(error)".hasPrefix("cannot create the database \(folder.path("file/incidents.db"))")
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("junk.db")
        let junk = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try junk.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAFirebreakDatabase(path: path, reason: "not an SQLite file")) {
            try SQLiteIncidentStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftAlone() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.db")
        try sqlite3(path, "CREATE TABLE recipes (name TEXT)")
        let before = try sqlite3(path, ".dump")
        #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path) }
        #expect(try sqlite3(path, ".dump") == before)
        #expect(try sqlite3(path, "PRAGMA journal_mode").contains("delete"))
    }

    @Test func aDatabaseFromANewerSchemaIsRefused() throws {
        let folder = try TemporaryFolder()
        let (_, _) = try seededStore(in: folder)
        let path = folder.path("incidents.db")
        try sqlite3(path, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")
        let before = try sqlite3(path, ".dump")
        #expect(throws: StoreError.newerSchema(path: path, migrations: ["v9-from-the-future"])) {
            try SQLiteIncidentStore(path: path)
        }
        #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path, mode: .readOnly) }
        #expect(try sqlite3(path, ".dump") == before)
    }

    /// A copy written by an older build (its later migrations not applied) is
    /// read as it is — a reviewer replays copies — and upgraded only by a writer.
    @Test func aDatabaseFromAnOlderBuildIsReadAsItIsAndUpgradedOnlyByAWriter() throws {
        let folder = try TemporaryFolder()
        let (_, id) = try seededStore(in: folder)
        let path = folder.path("incidents.db")
        // What the first build left: the event log and projection (its checkpoint in the row), nothing later.
        try sqlite3(path, """
            UPDATE incidents SET state = (SELECT state FROM checkpoints WHERE incident_id = incidents.id); DROP TABLE checkpoints;
            DROP TABLE bodies; DROP TABLE kept_log_lines; DROP TABLE kept_log_sources; DROP TABLE kept_log_drops; DROP TABLE kept_log_bytes;
            DELETE FROM grdb_migrations WHERE identifier <> 'v1-event-log';
            """)
        let before = try sqlite3(path, ".dump")
        let reader = try SQLiteIncidentStore(path: path, mode: .readOnly)
        #expect(try reader.state(of: id).incident.id == id)
        #expect(try reader.verify(id).allSatisfy(\.isIntact))
        #expect(try reader.body(sha256: String(repeating: "a", count: 64)) == nil)
        #expect(try sqlite3(path, ".dump") == before, "reading changed the file")
        // A writer brings it up to date.
        let writer = try SQLiteIncidentStore(path: path)
        let body = try writer.keepBody(Data("kept".utf8))
        #expect(try writer.body(sha256: body.sha256) == Data("kept".utf8))
        #expect(try sqlite3(path, "SELECT count(*) FROM grdb_migrations").trimmingCharacters(in: .whitespacesAndNewlines) != "1")
        #expect(try sqlite3(path, "SELECT seq, length(state) > 0 FROM checkpoints").trimmingCharacters(in: .whitespacesAndNewlines) == "1|1")
        #expect(try writer.state(of: id) == (try IncidentState.replaying(try writer.events(of: id, since: 0).map(\.event))))
    }

    @Test func readOnlyMeansNothingCanBeWritten() throws {
        let folder = try TemporaryFolder()
        let (_, id) = try seededStore(in: folder)
        let store = try SQLiteIncidentStore(path: folder.path("incidents.db"), mode: .readOnly)
        #expect(throws: StoreError.self) {
            try store.append(to: id, actor: "x", at: nil) { _ in [.noteAdded(NoteAdded(text: "x"))] }
        }
        #expect(throws: StoreError.self) { try store.openIncident(.sample, actor: "x", at: nil) }
        #expect(try store.state(of: id).lastSeq == 5)
    }

    @Test func readingNeverCreatesADatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("absent.db")
        #expect(throws: StoreError.noDatabase(path: path)) { try SQLiteIncidentStore(path: path, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aCorruptPageIsReportedNotCrashedOn() throws {
        let folder = try TemporaryFolder()
        let (_, _) = try seededStore(in: folder)
        let path = folder.path("incidents.db")
        try sqlite3(path, "PRAGMA wal_checkpoint(TRUNCATE)")
        // Overwrite everything after the header page with noise.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in 4096..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 131) }
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) {
            let store = try SQLiteIncidentStore(path: path, mode: .readOnly)
            _ = try store.verify(nil)
        }
    }
}
