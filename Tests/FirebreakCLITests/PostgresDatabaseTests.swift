import Foundation
import Testing
import FirebreakTestSupport

/// The real binary pointed at a PostgreSQL server of the tests' own.
@Suite("--db postgresql://: every command on a shared server")
struct PostgresDatabaseTests {
    /// A firebreak process whose database is a fresh one on the test server; its keys and config in `folder`.
    static func firebreak(in folder: TemporaryFolder) throws -> (FirebreakProcess, url: String, name: String) {
        let (name, url) = try PostgresServer.shared().createDatabase()
        var fb = FirebreakProcess(database: folder.path("unused.db"))
        fb.environment["FIREBREAK_DB"] = url
        return (fb, url, name)
    }

    /// Two processes, two connections, 500 events each into one incident at once: one unbroken chain.
    @Test(.timeLimit(.minutes(10)))
    func twoProcessesWritingOneIncidentMakeOneUnbrokenChain() throws {
        let folder = try TemporaryFolder()
        try ConcurrentWriters.raceIntoOneChain(try Self.firebreak(in: folder).0, count: 500)
    }

    @Test func everyCommandWorksOnTheServerAndTheConfigFileCanNameIt() throws {
        let folder = try TemporaryFolder()
        var (fb, url, _) = try Self.firebreak(in: folder)
        #expect(try fb.ok("open", "--title", "shared").trimmingCharacters(in: .whitespacesAndNewlines) == "INC-1")
        try fb.ok("note", "INC-1", "seen from the bastion")
        // `db = …` in the config file, when neither --db nor FIREBREAK_DB names one.
        fb.environment["FIREBREAK_DB"] = nil
        let config = folder.path("xdg-config/firebreak")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try "db = \(url)\n".write(toFile: config + "/config", atomically: true, encoding: .utf8)
        let show = try fb.ok("show", "INC-1")
        #expect(show.contains("shared"))
        let events = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
        #expect(events.count == 2)
        #expect(try fb.run("verify").status == 0)
    }

    /// A reviewer's copy: one SQLite file whose verify passes with the server's head.
    @Test func exportToAFileVerifiesWithTheServersHead() throws {
        let folder = try TemporaryFolder()
        let (fb, _, _) = try Self.firebreak(in: folder)
        try fb.ok("open", "--title", "to review")
        for index in 1...3 { try fb.ok("note", "INC-1", "note \(index)") }
        let serverHead = try #require(try fb.json("verify", "--json") as? [[String: Any]]).first?["headHash"] as? String
        let file = folder.path("review.db")
        let exported = try fb.ok("export", "INC-1", "--to", file)
        #expect(exported.contains(try #require(serverHead)))
        let local = try fb.run("--db", file, "verify", "--json")
        #expect(local.status == 0)
        let fileHead = try #require(try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [[String: Any]]).first?["headHash"] as? String
        #expect(fileHead == serverHead)
        // And into another server database with import-incident: the same head there.
        let (_, otherURL) = try PostgresServer.shared().createDatabase()
        try fb.ok("--db", otherURL, "import-incident", "INC-1", "--from", file)
        let other = try #require(try fb.json("--db", otherURL, "verify", "--json") as? [[String: Any]]).first?["headHash"] as? String
        #expect(other == serverHead)
    }

    /// The SELECT-only role of docs/SHARED-DATABASE.md, made with exactly its SQL: it reads and
    /// verifies; a write is refused by the server in one line and nothing is written.
    @Test func aSelectOnlyRoleReadsButCannotWrite() throws {
        let folder = try TemporaryFolder()
        let (fb, _, name) = try Self.firebreak(in: folder)
        try fb.ok("open", "--title", "under review")
        try fb.ok("note", "INC-1", "by the team")
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/SHARED-DATABASE.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let sql = try #require(text.components(separatedBy: "```sql\n").dropFirst().first?.components(separatedBy: "```").first)
        let role = "reviewer_\(name)"
        let server = try PostgresServer.shared()
        try server.psql(database: name, sql.replacingOccurrences(of: "DATABASE firebreak", with: "DATABASE \(name)")
            .replacingOccurrences(of: " wall", with: " \(role)"))
        var reviewer = fb
        reviewer.environment["FIREBREAK_DB"] = "postgresql://\(role)@127.0.0.1:\(server.port)/\(name)?sslmode=disable"
        #expect(try reviewer.ok("show", "INC-1").contains("under review"))
        #expect(try reviewer.run("verify").status == 0)
        let refused = try reviewer.run("note", "INC-1", "by the reviewer")
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("read-only"))
        let events = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
        #expect(events.count == 2)
    }

    @Test func aPasswordInTheURLIsRefusedInOneLineAndNeverShown() throws {
        let folder = try TemporaryFolder()
        let (fb, url, name) = try Self.firebreak(in: folder)
        let withPassword = url.replacingOccurrences(of: "firebreak@", with: "firebreak:hunter2secret@")
        let result = try fb.run("--db", withPassword, "open", "--title", "x")
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("PGPASSWORD"))
        #expect(!result.stderr.contains("hunter2secret") && !result.stdout.contains("hunter2secret"))
        // Nothing was written: not even the schema.
        let tables = try PostgresServer.shared().psql(database: name, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func plainTextToAnotherHostIsRefusedUnlessAskedFor() throws {
        let folder = try TemporaryFolder()
        let (fb, _, _) = try Self.firebreak(in: folder)
        let result = try fb.run("--db", "postgresql://alice@db.example.org:5432/firebreak?sslmode=prefer", "list")
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("plain text"))
    }
}
