import Foundation
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

@Suite("The event log: appends, projection, reads")
struct EventLogTests {
    @Test func incidentsAreNumberedAndFoldedFromTheirEvents() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
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

    @Test func aReopenedStoreReadsTheSameState() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
        let before = try store.state(of: id)
        let again = try SQLiteIncidentStore(path: folder.path("incidents.db"), mode: .readOnly)
        #expect(try again.state(of: id) == before)
    }

    @Test func eachEventChainsToThePreviousOne() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
        let events = try store.events(of: id, since: 0)
        #expect(events[0].prevHash == EventHash.genesis)
        for (previous, next) in zip(events, events.dropFirst()) {
            #expect(next.prevHash == previous.hash)
        }
        #expect(Set(events.map(\.hash)).count == events.count)
    }

    @Test func theTwoClocksAreKeptApart() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteIncidentStore(path: folder.path("incidents.db"))
        let firstSeen = try Timestamp.parse("2026-11-28T22:15:00.125Z")
        let state = try store.openIncident(.sample, actor: "alice", at: firstSeen)
        let event = try store.events(of: state.incident.id, since: 0)[0].event
        #expect(event.at == firstSeen)
        #expect(event.recordedAt > firstSeen)
        #expect(abs(event.recordedAt.timeIntervalSinceNow) < 60)
        #expect(state.incident.openedAt == firstSeen)
    }

    @Test func aRefusedAppendWritesNothing() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
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
    }

    @Test func unknownIncidentsAreNamed() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try seededStore(in: folder)
        #expect(throws: StoreError.unknownIncident(IncidentID(rawValue: 9))) { try store.state(of: IncidentID(rawValue: 9)) }
        #expect(throws: StoreError.unknownIncident(IncidentID(rawValue: 9))) {
            try store.append(to: IncidentID(rawValue: 9), actor: "x", at: nil) { _ in [.noteAdded(NoteAdded(text: "x"))] }
        }
    }

    @Test func theListIsMostRecentlyUpdatedFirstAndHidesClosed() throws {
        let folder = try TemporaryFolder()
        let (store, first) = try seededStore(in: folder)
        let second = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        Thread.sleep(forTimeInterval: 0.01)
        try store.append(to: first, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "bump"))] }
        #expect(try store.incidents(includeClosed: false).map(\.id) == [first, second])
        try store.append(to: first, actor: "alice", at: nil) { _ in [.incidentClosed(IncidentClosed(resolution: "done"))] }
        #expect(try store.incidents(includeClosed: false).map(\.id) == [second])
        #expect(try store.incidents(includeClosed: true).map(\.id) == [first, second])
    }

    @Test func theProjectionIsOnlyACache() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
        let expected = try store.state(of: id)
        // A checkpoint that no longer decodes is rebuilt from the events
        // (by a new store: this one would start from its in-memory state).
        try sqlite3(folder.path("incidents.db"), "UPDATE incidents SET state = 'garbage'")
        let fresh = try SQLiteIncidentStore(path: folder.path("incidents.db"))
        #expect(try fresh.state(of: id) == expected)
        try fresh.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "after"))] }
        #expect(try fresh.state(of: id).notes.map(\.text) == ["isolating now", "after"])
    }

    @Test func longIncidentsLoadFromTheCheckpointPlusNewerEvents() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
        for index in 1...600 {
            try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "n\(index)"))] }
        }
        let checkpoint = try sqlite3(folder.path("incidents.db"), "SELECT state_seq FROM incidents WHERE id = 1")
        #expect(Int(checkpoint.trimmingCharacters(in: .whitespacesAndNewlines))! > 256)
        // Another process's view: checkpoint plus the events after it, equal to a full fold.
        let other = try SQLiteIncidentStore(path: folder.path("incidents.db"), mode: .readOnly)
        let folded = try IncidentState.replaying(try other.events(of: id, since: 0).map(\.event))
        #expect(try other.state(of: id) == folded)
        #expect(folded.lastSeq == 605)
        // A write from elsewhere is seen by a store holding an older cached state.
        let writer = try SQLiteIncidentStore(path: folder.path("incidents.db"))
        try writer.append(to: id, actor: "elsewhere", at: nil) { _ in [.noteAdded(NoteAdded(text: "from another writer"))] }
        #expect(try store.state(of: id).notes.last?.text == "from another writer")
        #expect(try store.verify(id).first?.isIntact == true)
    }

    @Test func eventsCannotBeUpdatedOrDeletedThroughSQL() throws {
        let folder = try TemporaryFolder()
        _ = try seededStore(in: folder)
        #expect(throws: (any Error).self) { try sqlite3(folder.path("incidents.db"), "UPDATE events SET actor = 'mallory' WHERE seq = 2") }
        #expect(throws: (any Error).self) { try sqlite3(folder.path("incidents.db"), "DELETE FROM events WHERE seq = 2") }
    }
}

@Suite("Change watching")
struct ChangeWatcherTests {
    @Test func seesCommitsFromThisAndOtherConnections() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try seededStore(in: folder)
        let watcher = try store.changeWatcher()
        #expect(try watcher.hasChanged())        // the first look
        #expect(try !watcher.hasChanged())
        try store.append(to: id, actor: "a", at: nil) { _ in [.noteAdded(NoteAdded(text: "mine"))] }
        #expect(try watcher.hasChanged())
        #expect(try !watcher.hasChanged())
        let other = try SQLiteIncidentStore(path: folder.path("incidents.db"))
        try other.append(to: id, actor: "b", at: nil) { _ in [.noteAdded(NoteAdded(text: "theirs"))] }
        #expect(try watcher.hasChanged())
        // A refused append commits nothing, so nothing changes.
        _ = try? other.append(to: id, actor: "b", at: nil) { _ in [.phaseEntered(PhaseEntered(phase: .containment))] }
        #expect(try !watcher.hasChanged())
    }
}

@Suite("Checkpoints from another reducer version")
struct StaleCheckpointTests {
    @Test func anUnusableCheckpointIsRewrittenOnTheNextAppendAndNeverCalledTampering() throws {
        let folder = try TemporaryFolder()
        let (_, id) = try seededStore(in: folder)
        let path = folder.path("incidents.db")
        // As a build with another reducer version would have left it.
        try sqlite3(path, "UPDATE incidents SET state = replace(state, '\"fold\":\(IncidentState.foldVersion)', '\"fold\":1')")
        let fresh = try SQLiteIncidentStore(path: path)
        #expect(try fresh.verify(id).first?.isIntact == true)
        let expected = try IncidentState.replaying(try fresh.events(of: id, since: 0).map(\.event))
        #expect(try fresh.state(of: id) == expected)
        try fresh.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "after"))] }
        let stored = try sqlite3(path, "SELECT state_seq, instr(state, '\"fold\":\(IncidentState.foldVersion)') > 0 FROM incidents")
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "6|1")
        #expect(try fresh.verify(id).first?.isIntact == true)
    }
}
