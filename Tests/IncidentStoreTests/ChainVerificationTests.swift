import Foundation
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

@Suite("Tamper evidence: verify names the first altered event")
struct ChainVerificationTests {
    func firstProblem(_ fixture: StoreFixture) throws -> ChainProblem? {
        try fixture.readOnly().verify(IncidentID(rawValue: 1)).first?.problem
    }

    @Test(arguments: StoreKind.allCases)
    func anUntouchedChainVerifies(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let result = try #require(try store.verify(id).first)
        #expect(result.isIntact)
        #expect(result.verifiedEvents == 5)
        #expect(result.headHash == (try store.events(of: id, since: 0).last?.hash))
    }

    @Test(arguments: StoreKind.allCases, ["actor = 'mallory'", "at = at - 1", "recorded_at = recorded_at + 1",
                      "payload = replace(payload, 'compromised', 'suspected')", "kind = 'note.added'",
                      "incident_id = 2", "hash = \(ChainVerificationTests.otherStart("hash"))", "prev_hash = \(ChainVerificationTests.otherStart("prev_hash"))"])
    func changingAnyFieldOfAnEventIsCaughtAtThatEvent(_ kind: StoreKind, _ change: String) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        try fixture.tamper("UPDATE events SET \(change) WHERE seq = 2")
        let problem = try #require(try firstProblem(fixture))
        #expect(problem.seq == 2)
    }

    /// SQL for `column` with its first two characters replaced by others, always
    /// different (a fixed 'ab' left a hash that began with 'ab' unchanged, 1 run in 256).
    static func otherStart(_ column: String) -> String {
        "(CASE WHEN substr(\(column), 1, 2) = 'ab' THEN 'cd' ELSE 'ab' END) || substr(\(column), 3)"
    }

    @Test(arguments: StoreKind.allCases)
    func alteringOneByteOfABodyIsCaught(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        // "isolating now" → "isolatinG now": one byte of event #4's body.
        try fixture.tamper("UPDATE events SET payload = replace(payload, 'isolating', 'isolatinG') WHERE seq = 4")
        #expect(try firstProblem(fixture) == ChainProblem(seq: 4, reason: "its content does not match its hash (altered after it was recorded)"))
    }

    @Test(arguments: StoreKind.allCases)
    func deletingAnEventInTheMiddleIsCaught(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        try fixture.tamper("DELETE FROM events WHERE seq = 3")
        let problem = try #require(try firstProblem(fixture))
        #expect(problem.seq == 3)
        #expect(problem.reason.contains("missing"))
    }

    @Test(arguments: StoreKind.allCases)
    func deletingTheLastEventIsCaughtByTheHead(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        try fixture.tamper("DELETE FROM events WHERE seq = 5")
        let problem = try #require(try firstProblem(fixture))
        #expect(problem.seq == 5)
    }

    @Test(arguments: StoreKind.allCases)
    func reorderingTwoEventsIsCaught(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        try fixture.tamper("UPDATE events SET seq = -1 WHERE seq = 3; UPDATE events SET seq = 3 WHERE seq = 4; UPDATE events SET seq = 4 WHERE seq = -1")
        #expect(try firstProblem(fixture)?.seq == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func insertingAForgedEventIsCaught(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        // Make room after #2 and insert a note there, copying #3's hashes.
        try fixture.tamper("""
            UPDATE events SET seq = seq + 100 WHERE seq >= 3;
            UPDATE events SET seq = seq - 99 WHERE seq >= 103;
            INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
                SELECT incident_id, 3, at, recorded_at, 'mallory', 'note.added', '{"text":"all clear"}', prev_hash, hash FROM events WHERE seq = 4;
            """)
        #expect(try firstProblem(fixture)?.seq == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func aRewrittenProjectionIsCaught(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        try fixture.sql("UPDATE checkpoints SET state = replace(state, 'Leaked access key', 'Nothing to see')")
        let problem = try #require(try firstProblem(fixture))
        #expect(problem.reason.contains("saved state differs"))
    }

    @Test(arguments: StoreKind.allCases)
    func otherIncidentsStillVerify(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, _) = try fixture.seeded()
        _ = try store.openIncident(.sample, actor: "x", at: nil)
        try fixture.tamper("UPDATE events SET actor = 'mallory' WHERE incident_id = 1 AND seq = 2")
        let results = try fixture.readOnly().verify(nil)
        #expect(results.map(\.isIntact) == [false, true])
    }
}
