import Foundation
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

/// The store's contract, run against SQLite and PostgreSQL alike.
@Suite("The event log: appends, projection, reads")
struct EventLogTests {
    @Test(arguments: StoreKind.allCases)
    func incidentsAreNumberedAndFoldedFromTheirEvents(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        #expect(id.description == "INC-1")
        let second = try store.openIncident(.sample, actor: "dave", at: nil)
        #expect(second.incident.id.description == "INC-2")

        let events = try store.events(of: id, since: 0)
        #expect(events.map(\.event.seq) == [1, 2, 3, 4, 5])
        #expect(events.map(\.event.actor) == ["alice", "bob", "alice", "carol", "bob"])
        // The projection (what `state` reads) is exactly the fold of the events.
        let folded = try IncidentState.replaying(events.map(\.event))
        #expect(try store.state(of: id) == folded)
        #expect(folded.resources.first?.state == .contained)
        #expect(try store.events(of: id, since: 3).map(\.event.seq) == [4, 5])
    }

    @Test(arguments: StoreKind.allCases)
    func aReopenedStoreReadsTheSameState(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let before = try store.state(of: id)
        #expect(try fixture.readOnly().state(of: id) == before)
    }

    @Test(arguments: StoreKind.allCases)
    func eachEventChainsToThePreviousOne(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let events = try store.events(of: id, since: 0)
        #expect(events[0].prevHash == EventHash.genesis)
        for (previous, next) in zip(events, events.dropFirst()) {
            #expect(next.prevHash == previous.hash)
        }
        #expect(Set(events.map(\.hash)).count == events.count)
        // Byte for byte the hash SQLite computes: recomputed here from the stored columns alone.
        for recorded in events {
            let event = recorded.event
            #expect(recorded.hash == EventHash.hash(incident: event.incident.rawValue, seq: event.seq,
                                                    atMilliseconds: event.at.millisecondsSince1970,
                                                    recordedAtMilliseconds: event.recordedAt.millisecondsSince1970,
                                                    actor: event.actor, kind: event.payload.kind, body: recorded.body,
                                                    prevHash: recorded.prevHash))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theTwoClocksAreKeptApart(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let store = try fixture.writable()
        let firstSeen = try Timestamp.parse("2026-11-28T22:15:00.125Z")
        let state = try store.openIncident(.sample, actor: "alice", at: firstSeen)
        let event = try store.events(of: state.incident.id, since: 0)[0].event
        #expect(event.at == firstSeen)
        #expect(event.recordedAt > firstSeen)
        #expect(abs(event.recordedAt.timeIntervalSinceNow) < 60)
        #expect(state.incident.openedAt == firstSeen)
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedAppendWritesNothing(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let before = try store.events(of: id, since: 0)
        // The second payload is invalid, so the first must not land either.
        #expect(throws: IncidentError.conflict("INC-1 is already in Containment")) {
            try store.append(to: id, actor: "eve", at: nil) { _ in
                [.noteAdded(NoteAdded(text: "first")), .phaseEntered(PhaseEntered(phase: .containment))]
            }
        }
        #expect(throws: IncidentError.notFound("nope")) {
            try store.append(to: id, actor: "eve", at: nil) { _ in throw IncidentError.notFound("nope") }
        }
        #expect(try store.events(of: id, since: 0) == before)
        #expect(try store.state(of: id).lastSeq == 5)
        // Another connection sees nothing of it either.
        #expect(try fixture.readOnly().events(of: id, since: 0) == before)
    }

    @Test(arguments: StoreKind.allCases)
    func unknownIncidentsAreNamed(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, _) = try fixture.seeded()
        #expect(throws: StoreError.unknownIncident(IncidentID(rawValue: 9))) { try store.state(of: IncidentID(rawValue: 9)) }
        #expect(throws: StoreError.unknownIncident(IncidentID(rawValue: 9))) {
            try store.append(to: IncidentID(rawValue: 9), actor: "x", at: nil) { _ in [.noteAdded(NoteAdded(text: "x"))] }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theListIsMostRecentlyUpdatedFirstAndHidesClosed(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, first) = try fixture.seeded()
        let second = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        Thread.sleep(forTimeInterval: 0.01)
        try store.append(to: first, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "bump"))] }
        #expect(try store.incidents(includeClosed: false).map(\.id) == [first, second])
        try store.append(to: first, actor: "alice", at: nil) { _ in [.incidentClosed(IncidentClosed(resolution: "done"))] }
        #expect(try store.incidents(includeClosed: false).map(\.id) == [second])
        #expect(try store.incidents(includeClosed: true).map(\.id) == [first, second])
    }

    @Test(arguments: StoreKind.allCases)
    func theProjectionIsOnlyACache(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let expected = try store.state(of: id)
        // A checkpoint that no longer decodes is rebuilt from the events
        // (by a new store: this one would start from its in-memory state).
        try fixture.sql("UPDATE checkpoints SET state = 'garbage'")
        let fresh = try fixture.writable()
        #expect(try fresh.state(of: id) == expected)
        try fresh.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "after"))] }
        #expect(try fresh.state(of: id) == (try IncidentState.replaying(try fresh.events(of: id, since: 0).map(\.event))))
        #expect(Note.all(in: try fresh.events(of: id, since: 0).map(\.event)).map(\.text) == ["isolating now", "after"])
    }

    @Test(arguments: StoreKind.allCases)
    func longIncidentsLoadFromTheCheckpointPlusNewerEvents(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        for index in 1...600 {
            try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "n\(index)"))] }
        }
        let checkpoint = try fixture.sql("SELECT state_seq FROM incidents WHERE id = 1")
        #expect(Int(checkpoint.trimmingCharacters(in: .whitespacesAndNewlines))! > 256)
        // Another process's view: checkpoint plus the events after it, equal to a full fold.
        let other = try fixture.readOnly()
        let folded = try IncidentState.replaying(try other.events(of: id, since: 0).map(\.event))
        #expect(try other.state(of: id) == folded)
        #expect(folded.lastSeq == 605)
        // A write from elsewhere is seen by a store holding an older cached state.
        let writer = try fixture.writable()
        try writer.append(to: id, actor: "elsewhere", at: nil) { _ in [.noteAdded(NoteAdded(text: "from another writer"))] }
        #expect(try store.state(of: id).lastSeq == 606)
        #expect(Note.all(in: try store.events(of: id, since: 600).map(\.event)).last?.text == "from another writer")
        #expect(try store.verify(id).first?.isIntact == true)
    }

    @Test(arguments: StoreKind.allCases)
    func eventsCannotBeUpdatedOrDeletedThroughSQL(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        _ = try store.keepBody(Data("an output".utf8))
        let before = try store.events(of: id, since: 0)
        #expect(throws: (any Error).self) { try fixture.sql("UPDATE events SET actor = 'mallory' WHERE seq = 2") }
        #expect(throws: (any Error).self) { try fixture.sql("DELETE FROM events WHERE seq = 2") }
        if kind == .postgresql {
            #expect(throws: (any Error).self) { try fixture.sql("TRUNCATE events") }
        }
        #expect(throws: (any Error).self) { try fixture.sql("DELETE FROM bodies") }
        #expect(throws: (any Error).self) { try fixture.sql("UPDATE bodies SET bytes = \(fixture.dialect(sqlite: "x'00'", postgresql: "'\\x00'::bytea"))") }
        #expect(try fixture.readOnly().events(of: id, since: 0) == before)
    }

    @Test(arguments: StoreKind.allCases)
    func aReadOnlyStoreWritesNothing(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (_, id) = try fixture.seeded()
        let reader = try fixture.readOnly()
        #expect(throws: StoreError.self) {
            try reader.append(to: id, actor: "wall", at: nil) { _ in [.noteAdded(NoteAdded(text: "from the wall"))] }
        }
        #expect(try reader.state(of: id).lastSeq == 5)
    }
}

@Suite("Change watching")
struct ChangeWatcherTests {
    @Test(arguments: StoreKind.allCases)
    func seesCommitsFromThisAndOtherConnections(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        let watcher = try store.changeWatcher()
        #expect(try watcher.hasChanged())        // the first look
        #expect(try !watcher.hasChanged())
        try store.append(to: id, actor: "a", at: nil) { _ in [.noteAdded(NoteAdded(text: "mine"))] }
        #expect(try eventually { try watcher.hasChanged() })
        #expect(try !watcher.hasChanged())
        let other = try fixture.writable()
        try other.append(to: id, actor: "b", at: nil) { _ in [.noteAdded(NoteAdded(text: "theirs"))] }
        #expect(try eventually { try watcher.hasChanged() })
        // A refused append commits nothing, so nothing changes.
        _ = try? other.append(to: id, actor: "b", at: nil) { _ in [.phaseEntered(PhaseEntered(phase: .containment))] }
        // A commit after it is heard, and the refused one before it was not.
        try fixture.sql(fixture.dialect(sqlite: "SELECT 1", postgresql: "SELECT pg_sleep(0.2)"))
        #expect(try !watcher.hasChanged())
    }

    /// Polls `condition` until it holds, for up to ten seconds (notifications arrive asynchronously).
    func eventually(_ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }
}

@Suite("Checkpoints from another reducer version")
struct StaleCheckpointTests {
    @Test(arguments: StoreKind.allCases)
    func anUnusableCheckpointIsRewrittenOnTheNextAppendAndNeverCalledTampering(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (_, id) = try fixture.seeded()
        // As a build with another reducer version would have left it.
        try fixture.sql("UPDATE checkpoints SET state = replace(state, '\"fold\":\(IncidentState.foldVersion)', '\"fold\":1')")
        let fresh = try fixture.writable()
        #expect(try fresh.verify(id).first?.isIntact == true)
        let expected = try IncidentState.replaying(try fresh.events(of: id, since: 0).map(\.event))
        #expect(try fresh.state(of: id) == expected)
        try fresh.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "after"))] }
        let stored = try fixture.sql(fixture.dialect(
            sqlite: "SELECT seq, instr(state, '\"fold\":\(IncidentState.foldVersion)') > 0 FROM checkpoints",
            postgresql: "SELECT seq, (strpos(state, '\"fold\":\(IncidentState.foldVersion)') > 0)::int FROM checkpoints"))
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "6|1")
        #expect(try fresh.verify(id).first?.isIntact == true)
    }
}
