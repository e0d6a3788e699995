import Foundation
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

@Suite("Tamper evidence: verify names the first altered event")
struct ChainVerificationTests {
    /// Drops the append-only triggers first, as an attacker with the file would.
    func tamper(_ folder: TemporaryFolder, _ sql: String) throws {
        try sqlite3(folder.path("incidents.db"), "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; \(sql)")
    }

    func firstProblem(_ folder: TemporaryFolder) throws -> ChainProblem? {
        let store = try SQLiteIncidentStore(path: folder.path("incidents.db"), mode: .readOnly)
        return try store.verify(IncidentID(rawValue: 1)).first?.problem
    }

    @Test func anUntouchedChainVerifies() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
        let result = try #require(try store.verify(id).first)
        #expect(result.isIntact)
        #expect(result.verifiedEvents == 5)
        #expect(result.headHash == (try store.events(of: id, since: 0).last?.hash))
    }

    @Test(arguments: ["actor = 'mallory'", "at = at - 1", "recorded_at = recorded_at + 1",
                      "payload = replace(payload, 'compromised', 'suspected')", "kind = 'note.added'",
                      "incident_id = 2", "hash = \(ChainVerificationTests.otherStart("hash"))", "prev_hash = \(ChainVerificationTests.otherStart("prev_hash"))"])
    func changingAnyFieldOfAnEventIsCaughtAtThatEvent(_ change: String) throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        try tamper(folder, "UPDATE events SET \(change) WHERE seq = 2")
        let problem = try #require(try firstProblem(folder))
        #expect(problem.seq == 2)
    }

    /// SQL for `column` with its first two characters replaced by others, always
    /// different (a fixed 'ab' left a hash that began with 'ab' unchanged, 1 run in 256).
    static func otherStart(_ column: String) -> String {
        "(CASE WHEN substr(\(column), 1, 2) = 'ab' THEN 'cd' ELSE 'ab' END) || substr(\(column), 3)"
    }

    @Test func alteringOneByteOfABodyIsCaught() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        // "isolating now" → "isolatinG now": one byte of event #4's body.
        try tamper(folder, "UPDATE events SET payload = replace(payload, 'isolating', 'isolatinG') WHERE seq = 4")
        #expect(try firstProblem(folder) == ChainProblem(seq: 4, reason: "its content does not match its hash (altered after it was recorded)"))
    }

    @Test func deletingAnEventInTheMiddleIsCaught() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        try tamper(folder, "DELETE FROM events WHERE seq = 3")
        let problem = try #require(try firstProblem(folder))
        #expect(problem.seq == 3)
        #expect(problem.reason.contains("missing"))
    }

    @Test func deletingTheLastEventIsCaughtByTheHead() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        try tamper(folder, "DELETE FROM events WHERE seq = 5")
        let problem = try #require(try firstProblem(folder))
        #expect(problem.seq == 5)
    }

    @Test func reorderingTwoEventsIsCaught() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        try tamper(folder, "UPDATE events SET seq = -1 WHERE seq = 3; UPDATE events SET seq = 3 WHERE seq = 4; UPDATE events SET seq = 4 WHERE seq = -1")
        #expect(try firstProblem(folder)?.seq == 3)
    }

    @Test func insertingAForgedEventIsCaught() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        // Make room after #2 and insert a note there, copying #3's hashes.
        try tamper(folder, """
            UPDATE events SET seq = seq + 100 WHERE seq >= 3;
            UPDATE events SET seq = seq - 99 WHERE seq >= 103;
            INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
                SELECT incident_id, 3, at, recorded_at, 'mallory', 'note.added', '{"text":"all clear"}', prev_hash, hash FROM events WHERE seq = 4;
            """)
        #expect(try firstProblem(folder)?.seq == 3)
    }

    @Test func aRewrittenProjectionIsCaught() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        try sqlite3(folder.path("incidents.db"), "UPDATE incidents SET state = replace(state, 'Leaked access key', 'Nothing to see')")
        let problem = try #require(try firstProblem(folder))
        #expect(problem.reason.contains("saved state differs"))
    }

    @Test func otherIncidentsStillVerify() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try seededStore(in: folder)
        _ = try store.openIncident(.sample, actor: "x", at: nil)
        try tamper(folder, "UPDATE events SET actor = 'mallory' WHERE incident_id = 1 AND seq = 2")
        let results = try SQLiteIncidentStore(path: folder.path("incidents.db"), mode: .readOnly).verify(nil)
        #expect(results.map(\.isIntact) == [false, true])
    }
}
