import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
import Testing

/// The folded-state checkpoint lives in `checkpoints`, one row per incident, written only when
/// one is due; the `incidents` row an append rewrites holds the seq it is at, never the JSON.
@Suite("The checkpoint table")
struct CheckpointTableTests {
    /// Rows one a line as `StoreFixture.sql` prints them, trimmed.
    private func rows(_ fixture: StoreFixture, _ sql: String) throws -> String {
        try fixture.sql(sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: StoreKind.allCases)
    func aCheckpointIsWrittenOnlyWhenDueAndNeverInTheIncidentRow(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        // The opening wrote the first checkpoint; the four appends after it were not due.
        #expect(try rows(fixture, "SELECT incident_id, seq FROM checkpoints") == "1|1")
        #expect(try rows(fixture, "SELECT state_seq, length(state) FROM incidents") == "1|0")
        for index in 1...251 {
            try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "note \(index) of many"))] }
        }
        // 256 events, 255 after the checkpoint at #1: not yet due (256 after it, so at #257).
        #expect(try rows(fixture, "SELECT seq FROM checkpoints") == "1")
        try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "the last note"))] }
        #expect(try rows(fixture, "SELECT count(*), min(seq) FROM checkpoints") == "1|257")
        #expect(try rows(fixture, "SELECT state_seq, length(state) FROM incidents") == "257|0")
        // Notes are read from the events, not kept in the checkpoint: it stays the size of what is open.
        let checkpoint = try rows(fixture, "SELECT state FROM checkpoints")
        #expect(!checkpoint.contains("of many") && !checkpoint.contains("the last note"))
        for index in 1...256 {
            try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "note \(index) of the second many"))] }
        }
        // 256 notes later only the last seq and time differ.
        #expect(try rows(fixture, "SELECT seq FROM checkpoints") == "513")
        let later = try rows(fixture, "SELECT state FROM checkpoints")
        #expect(abs(later.utf8.count - checkpoint.utf8.count) < 8)
        // Another process loads it plus the events after it, equal to a fold of every event.
        try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "after the checkpoint"))] }
        let other = try fixture.readOnly()
        let events = try other.events(of: id, since: 0).map(\.event)
        #expect(try other.state(of: id) == (try IncidentState.replaying(events)))
        #expect(Note.all(in: events).count == 510)
        #expect(Note.all(in: events).last?.text == "after the checkpoint")
        #expect(try other.verify(id).first?.isIntact == true)
    }

    @Test(arguments: StoreKind.allCases)
    func aCheckpointThatDisagreesWithItsEventsIsCaughtByVerify(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (store, id) = try fixture.seeded()
        // The checkpoint at #1 is from before the resource was added: append until one holds it.
        for index in 1...260 {
            try store.append(to: id, actor: "bot", at: nil) { _ in [.noteAdded(NoteAdded(text: "n\(index)"))] }
        }
        #expect(try fresh(fixture).verify(id).first?.isIntact == true)
        try fixture.sql("UPDATE checkpoints SET state = replace(state, 'i-0123456789abcdef0', 'i-0fedcba987654321')")
        let problem = try #require(try fresh(fixture).verify(id).first?.problem)
        #expect(problem.reason.contains("saved state differs"))
        #expect(problem.seq == Int64(try rows(fixture, "SELECT seq FROM checkpoints"))!)
    }

    private func fresh(_ fixture: StoreFixture) throws -> any IncidentEventStore { try fixture.readOnly() }

    /// A database as the build before the checkpoint table left it: its checkpoint in
    /// `incidents.state`, the migration not recorded.
    private func asBeforeTheCheckpointTable(_ fixture: StoreFixture) throws {
        let migration = fixture.dialect(sqlite: "DELETE FROM grdb_migrations WHERE identifier = 'v4-checkpoints'",
                                         postgresql: "DELETE FROM firebreak_migrations WHERE identifier = 'v5-checkpoints'")
        try fixture.sql("""
            UPDATE incidents SET state = (SELECT state FROM checkpoints WHERE incident_id = incidents.id);
            DROP TABLE checkpoints;
            \(migration);
            """)
    }

    @Test(arguments: StoreKind.allCases)
    func theMigrationMovesTheCheckpointOutOfTheIncidentRow(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (_, id) = try fixture.seeded()
        let checkpoint = try rows(fixture, "SELECT state FROM checkpoints")
        try asBeforeTheCheckpointTable(fixture)
        // Read as it is (a reader never migrates): the events are folded, nothing is written.
        let reader = try fixture.readOnly()
        let expected = try IncidentState.replaying(try reader.events(of: id, since: 0).map(\.event))
        #expect(try reader.state(of: id) == expected)
        #expect(try reader.verify(id).first?.isIntact == true)
        #expect(try rows(fixture, "SELECT length(state) > 0 FROM incidents") == fixture.dialect(sqlite: "1", postgresql: "t"))
        // A writer migrates: the checkpoint moves to its table as it was, the row keeps only its seq.
        let writer = try fixture.writable()
        #expect(try rows(fixture, "SELECT seq FROM checkpoints") == "1")
        #expect(try rows(fixture, "SELECT state FROM checkpoints") == checkpoint)
        #expect(try rows(fixture, "SELECT state_seq, length(state) FROM incidents") == "1|0")
        #expect(try writer.state(of: id) == expected)
        try writer.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "after the upgrade"))] }
        #expect(try writer.verify(id).first?.isIntact == true)
    }
}
