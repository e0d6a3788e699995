import Foundation
import IncidentModel
import IncidentStore
import PostgresStore
import Testing
import FirebreakTestSupport

@Suite("Several writers, several builds: one incident, one chain")
struct SharedStoreTests {
    /// Two connections append to one incident at once; each `decide` names the seq it saw last,
    /// so an event written from a stale state (a lost update, a fork) would show.
    /// No `.timeLimit`: under the whole suite a test can wait minutes for a thread before its body
    /// starts, and the limit counts that wait; the deadline below counts from the body's start.
    @Test(arguments: StoreKind.allCases)
    func twoConnectionsAppendingAtOnceNeverForkNorWriteFromAStaleState(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (_, id) = try fixture.seeded()
        let stores = [try fixture.writable(), try fixture.writable()]
        let failures = LockedList()
        let threads = stores.enumerated().map { index, store in
            Thread {
                for _ in 1...150 {
                    do {
                        try store.append(to: id, actor: "writer\(index)", at: nil) { state in
                            [.noteAdded(NoteAdded(text: "after #\(state.lastSeq)"))]
                        }
                    } catch {
                        failures.append("\(error)")
                    }
                }
                failures.finish()
            }
        }
        threads.forEach { $0.start() }
        let deadline = Date().addingTimeInterval(300)
        while failures.finished < 2 {
            guard Date() < deadline else { Issue.record("the writers did not finish 300 appends in 5 minutes"); return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(failures.items.isEmpty)
        let events = try fixture.readOnly().events(of: id, since: 0)
        #expect(events.map(\.event.seq) == Array(1...305))
        for recorded in events.dropFirst(5) {
            guard case .noteAdded(let note) = recorded.event.payload else { Issue.record("not a note"); continue }
            #expect(note.text == "after #\(recorded.event.seq - 1)")
        }
        #expect(try fixture.readOnly().verify(id).first?.isIntact == true)
    }

    @Test(arguments: StoreKind.allCases)
    func aDatabaseWrittenByANewerFirebreakIsRefusedAndLeftAlone(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        try fixture.sql(fixture.dialect(sqlite: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')",
                                        postgresql: "INSERT INTO firebreak_migrations (identifier) VALUES ('v99-from-the-future')"))
        let before = try fixture.sql("SELECT count(*) FROM events")
        #expect {
            _ = try fixture.writable()
        } throws: { error in
            guard case StoreError.newerSchema(_, let migrations) = error else { return false }
            return migrations == ["v99-from-the-future"]
        }
        #expect(throws: StoreError.self) { _ = try fixture.location.openReadOnly() }
        #expect(try fixture.sql("SELECT count(*) FROM events") == before)
    }
}

@Suite("postgresql:// locations: no password, TLS unless asked")
struct PostgresLocationTests {
    @Test func aURLNamesUserHostPortAndDatabase() throws {
        let location = try PostgresLocation.parse("postgresql://alice@db.internal:6432/war-room?sslmode=verify-full&sslrootcert=/etc/ca.pem",
                                                  environment: [:])
        #expect(location == PostgresLocation(user: "alice", host: "db.internal", port: 6432, database: "war-room",
                                             sslMode: .verifyFull, rootCertificate: "/etc/ca.pem"))
        #expect(location.description == "postgresql://alice@db.internal:6432/war-room")
    }

    @Test(arguments: ["postgresql://alice:s3cret@db.internal/firebreak", "postgresql://alice@db.internal/firebreak?password=s3cret"])
    func aPasswordInTheURLIsRefusedAndNotRepeated(_ url: String) {
        #expect {
            _ = try PostgresLocation.parse(url, environment: [:])
        } throws: { error in
            "\(error)".contains("PGPASSWORD") && !"\(error)".contains("s3cret")
        }
    }

    @Test func anotherHostGetsVerifiedTLSUnlessPlainTextIsAskedFor() throws {
        #expect(try PostgresLocation.parse("postgresql://a@db.internal/f", environment: [:]).sslMode == .verifyFull)
        #expect(try PostgresLocation.parse("postgresql://a@db.internal/f?sslmode=disable", environment: [:]).sslMode == .disable)
        #expect(throws: StoreError.self) { try PostgresLocation.parse("postgresql://a@db.internal/f?sslmode=prefer", environment: [:]) }
        #expect(throws: StoreError.self) { try PostgresLocation.parse("postgresql://a@db.internal/f?sslmode=sometimes", environment: [:]) }
        #expect(try PostgresLocation.parse("postgresql://a@127.0.0.1/f", environment: [:]).sslMode == .prefer)
    }

    @Test func aFilePathIsAFileAndAURLAServer() throws {
        #expect(try IncidentStoreLocation("/tmp/x.db") == .file("/tmp/x.db"))
        guard case .server = try IncidentStoreLocation("postgres://a@localhost/f") else { Issue.record("not a server"); return }
    }
}

/// Errors and finishers from writer threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    private var done = 0
    func append(_ item: String) { lock.withLock { list.append(item) } }
    func finish() { lock.withLock { done += 1 } }
    var items: [String] { lock.withLock { list } }
    var finished: Int { lock.withLock { done } }
}
