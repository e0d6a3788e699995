import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
@testable import PostgresStore
import Testing

/// What a PostgreSQL connection promises beyond the store suites: what a lost
/// connection says about the change being written, and a reader's session
/// read-only on the server itself. On the shared test server: the server ends
/// the store's session under it (`pg_terminate_backend`, what a restart or a
/// failover does to each session) rather than stopping for everyone.
@Suite("PostgreSQL connections: lost under a write, read-only on the server")
struct PostgresConnectionTests {
    /// Ends every session on the fixture's database but psql's own, waiting until they are gone.
    static func endStoreSessions(_ fixture: StoreFixture) throws {
        try fixture.sql("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    }

    /// The session dies inside the append's transaction, after the incident's row is locked and before
    /// anything is inserted: no COMMIT was sent, so nothing can have been written, and the line says it
    /// is safe to try again (it used to say the change "may not have been committed").
    @Test func aConnectionLostBeforeTheCommitSaysNothingWasWrittenAndTheRetryGoesThrough() throws {
        let fixture = try StoreFixture(.postgresql)
        let (store, id) = try fixture.seeded()
        let before = try store.events(of: id, since: 0)
        #expect {
            try store.append(to: id, actor: "alice", at: nil) { _ in
                try Self.endStoreSessions(fixture)
                return [.noteAdded(NoteAdded(text: "written as the connection went"))]
            }
        } throws: { error in
            let line = "\(error)"
            return line.contains("lost before anything was committed: nothing was written, it is safe to try again") && !line.contains("may")
        }
        #expect(try fixture.readOnly().events(of: id, since: 0) == before)
        // The same store tries again on a new connection.
        try store.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "written as the connection went"))] }
        let after = try fixture.readOnly().events(of: id, since: 0)
        #expect(after.count == before.count + 1)
        #expect(try fixture.readOnly().verify(id).first?.isIntact == true)
    }

    /// The session dies while the server works on the COMMIT (held there by a deferred trigger that
    /// sleeps): the client cannot know whether it committed, so the line says it may have, and how to look.
    /// Every wait below has its own deadline, counted from the body's start (a `.timeLimit` also counts
    /// the minutes a test can wait for a thread under the whole suite).
    @Test
    func aConnectionLostWhileCommittingSaysTheChangeMayHaveBeenCommittedAndHowToLook() throws {
        let fixture = try StoreFixture(.postgresql)
        let (store, id) = try fixture.seeded()
        try fixture.sql("""
            CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION slow_commit();
            """)
        let outcome = Outcome()
        let writer = Thread {
            do {
                try store.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "committing as the connection went"))] }
                outcome.set("appended")
            } catch {
                outcome.set("\(error)")
            }
        }
        writer.start()
        let deadline = Date().addingTimeInterval(20)
        while try fixture.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'COMMIT' AND wait_event = 'PgSleep'")
            .trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            guard Date() < deadline else { Issue.record("the append never reached its COMMIT"); return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try Self.endStoreSessions(fixture)
        let line = try #require(outcome.wait(timeout: 20))
        #expect(line.contains("lost while committing: the change may have been committed; look with `firebreak events INC-…` before trying again"), "\(line)")
    }

    /// Past the store's own guard, straight to its session: the server refuses a reader's write
    /// (`watch`, `replay` and every read-only command open their sessions this way).
    @Test func aReadersSessionIsReadOnlyOnTheServerItself() throws {
        let fixture = try StoreFixture(.postgresql)
        let (_, id) = try fixture.seeded()
        guard case .server(let location) = fixture.location else { Issue.record("not a server location"); return }
        let reader = try PostgresIncidentStore(location: location, mode: .readOnly)
        #expect(throws: StoreError.readOnly(path: location.description)) {
            try reader.session.inTransaction { connection in
                try reader.session.run(connection, """
                    INSERT INTO events (incident_id, seq, at, recorded_at, actor, kind, payload, prev_hash, hash)
                    VALUES (1, 99, 0, 0, 'x', 'note.added', '{}', '', '')
                    """)
            }
        }
        #expect(try reader.events(of: id, since: 0).count == 5)
    }
}

/// What the writer thread ended with, for the test thread to wait on.
private final class Outcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: String?

    func set(_ text: String) {
        condition.lock()
        value = text
        condition.broadcast()
        condition.unlock()
    }

    func wait(timeout: TimeInterval) -> String? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while value == nil && condition.wait(until: deadline) {}
        return value
    }
}
