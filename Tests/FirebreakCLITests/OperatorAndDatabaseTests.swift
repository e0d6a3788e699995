import Foundation
import Testing
import FirebreakTestSupport

/// Who is recorded when nothing names the operator, and what reading a database that is not there says.
@Suite("Operator name and a missing database")
struct OperatorAndDatabaseTests {
    /// The account name as the system has it, read the way a person would check it.
    static func accountName() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/id")
        process.arguments = ["-un"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func withoutUserTheOperatorIsTheSystemsAccountNameNotUnknown() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        let unset = ["FIREBREAK_OPERATOR": "", "USER": "", "LOGNAME": ""]
        let opened = try fb.run(["open", "--title", "Leaked key", "--severity", "2"], environment: unset)
        #expect(opened.status == 0, "\(opened.stderr)")
        let events = try fb.run(["events", "1", "--json"], environment: unset)
        let name = try Self.accountName()
        #expect(!name.isEmpty)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(events.stdout.utf8)) as? [[String: Any]])
        #expect(!list.isEmpty && Set(list.map { $0["actor"] as? String }) == [name])
    }

    @Test func listingAMistypedDatabaseSaysItDoesNotExistAndCreatesNothing() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("typo.db"))
        let listed = try fb.run("list")
        #expect(listed.stdout.contains("no incident database at \(folder.path("typo.db"))"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("No open incidents."))
        #expect(!FileManager.default.fileExists(atPath: folder.path("typo.db")))
    }

    /// The console creates no database nobody asked for: a named path that is not there is refused before the
    /// terminal is touched (so no TTY is needed to see it); `--create` asks for one.
    @Test func theConsoleRefusesANamedDatabaseThatDoesNotExistUnlessAskedToCreateIt() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        let typo = folder.path("tpyo.db")
        for arguments in [["--db", typo], ["console", "--db", typo]] {
            let refused = try fb.run(arguments)
            #expect(refused.status != 0)
            #expect(refused.stderrLines.count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("no incident database at \(typo) (from --db)"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--create"))
        }
        let fromEnvironment = try fb.run([], environment: ["FIREBREAK_DB": typo])
        #expect(fromEnvironment.stderr.contains("no incident database at \(typo) (from $FIREBREAK_DB)"), "\(fromEnvironment.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo))
        // Asked for, it gets past the database to the terminal (which a test process has not got).
        let created = try fb.run(["console", "--create", "--db", typo])
        #expect(created.status != 0)
        #expect(created.stderr.contains("needs a terminal"), "\(created.stderr)")
    }
}
