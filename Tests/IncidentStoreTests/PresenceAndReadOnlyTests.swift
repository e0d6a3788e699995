import Foundation
import GRDB
import IncidentModel
@testable import IncidentStore
import Testing
import FirebreakTestSupport

@Suite("Presence board and SQLite-level read-only")
struct PresenceAndReadOnlyTests {
    @Test func consolesSeeEachOtherUntilTheyLeaveOrGoStale() throws {
        let folder = try TemporaryFolder()
        let board = FilePresenceBoard(databasePath: folder.path("fb.db"))
        let incident = IncidentID(rawValue: 1)
        let now = Date()
        try board.announce(Presence(operatorName: "alice", mode: .live, incident: incident, session: "host:1", heartbeatAt: now))
        try board.announce(Presence(operatorName: "wall", mode: .watching, incident: incident, session: "host:2", heartbeatAt: now))
        try board.announce(Presence(operatorName: "bob", mode: .live, incident: IncidentID(rawValue: 2), session: "host:3", heartbeatAt: now))
        try board.announce(Presence(operatorName: "ghost", mode: .live, incident: incident, session: "host:4", heartbeatAt: now.addingTimeInterval(-60)))
        #expect(board.present(on: incident, freshness: 7).map(\.operatorName) == ["alice", "wall"])
        // The long-dead console's file was tidied away by that read.
        #expect(!FileManager.default.fileExists(atPath: folder.path("fb.db.presence/host_4.json")))
        board.withdraw(session: "host:1")
        #expect(board.present(on: incident, freshness: 7).map(\.operatorName) == ["wall"])
        let mode = { (path: String) in ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? 0 }
        #expect(mode(folder.path("fb.db.presence")) & 0o777 == 0o700)
        #expect(mode(folder.path("fb.db.presence/host_2.json")) & 0o777 == 0o600)
    }

    @Test func aWriteThroughAReadOnlyConnectionIsRefusedBySQLiteItself() throws {
        let folder = try TemporaryFolder()
        let (_, _) = try seededStore(in: folder)
        let store = try SQLiteIncidentStore(path: folder.path("incidents.db"), mode: .readOnly)
        // Past the store's own guard, straight to the connection.
        #expect {
            try store.queue.writeWithoutTransaction { db in
                try db.execute(sql: "INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash) VALUES (1, 99, 0, 0, 'x', 'note.added', '{}', '', '')")
            }
        } throws: { error in
            (error as? DatabaseError)?.resultCode == .SQLITE_READONLY
        }
        #expect(try store.events(of: IncidentID(rawValue: 1), since: 0).count == 5)
    }
}
