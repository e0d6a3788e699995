import Foundation
import IncidentModel
import IncidentStore
import PostgresStore
import Testing
import FirebreakTestSupport

@Suite("Presence: who is in, whichever machine they are on")
struct PresenceBoardTests {
    /// Two boards on one database (two machines: on a server, two connections); a console that
    /// stops beating drops out, one that quits is gone at once.
    @Test(arguments: StoreKind.allCases)
    func consolesSeeEachOtherAndAStoppedOneDrops(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (_, id) = try fixture.seeded()
        let laptop = try #require(fixture.location.presenceBoard)
        let wall = try #require(fixture.location.presenceBoard)
        try laptop.announce(Presence(operatorName: "alice", mode: .live, incident: id, session: "laptop:101", heartbeatAt: Date()))
        try wall.announce(Presence(operatorName: "wall", mode: .watching, incident: id, session: "wall:7", heartbeatAt: Date()))
        #expect(wall.present(on: id, freshness: 7).map(\.operatorName) == ["alice", "wall"])
        #expect(laptop.present(on: id, freshness: 7).first { $0.session == "wall:7" }?.mode == .watching)
        #expect(laptop.present(on: IncidentID(rawValue: id.rawValue + 1), freshness: 7).isEmpty)

        wall.withdraw(session: "wall:7")
        #expect(laptop.present(on: id, freshness: 7).map(\.session) == ["laptop:101"])

        switch kind {
        case .sqlite:
            try laptop.announce(Presence(operatorName: "alice", mode: .live, incident: id, session: "laptop:101",
                                         heartbeatAt: Date().addingTimeInterval(-30)))
        case .postgresql:
            // The server's clock decides, not the machine's: a laptop whose clock is an hour slow is still in…
            try laptop.announce(Presence(operatorName: "alice", mode: .live, incident: id, session: "laptop:101",
                                         heartbeatAt: Date().addingTimeInterval(-3600)))
            #expect(wall.present(on: id, freshness: 7).map(\.session) == ["laptop:101"])
            // …until its heartbeat, by the server's clock, is older than the freshness.
            try fixture.sql("UPDATE presence SET heartbeat_at = now() - interval '30 seconds'")
        }
        #expect(wall.present(on: id, freshness: 7).isEmpty)
    }
}
