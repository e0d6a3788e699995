import Foundation
import Testing
import FirebreakTestSupport

/// A mistyped `--db` for a command that changes an incident already recorded
/// is refused in one line naming the file, and no database is created there
/// (only `open` and the commands that start an incident make one).
@Suite("A mistyped --db for a command on an existing incident")
struct MistypedDatabaseTests {
    static let commands: [[String]] = [
        ["note", "INC-1", "hello"],
        ["severity", "INC-1", "1", "--reason", "spreading"],
        ["phase", "INC-1", "containment"],
        ["resource", "add", "INC-1", "i-0123456789abcdef0"],
        ["resource", "state", "INC-1", "i-0123456789abcdef0", "contained"],
        ["resource", "discover", "INC-1", "i-0123456789abcdef0"],
        ["check", "INC-1", "route53"],
        ["role", "INC-1", "commander", "alice"],
        ["followup", "INC-1", "rotate", "the", "keys", "--owner", "alice"],
        ["close", "INC-1", "--resolution", "contained and cleaned"],
        ["reopen", "INC-1"],
        ["sign", "INC-1"],
        ["import", "INC-1", "findings.json"],
        ["action", "run", "INC-1", "ec2.isolate", "i-0123456789abcdef0", "--yes"],
        ["action", "undo", "INC-1", "run-1", "--yes"],
        ["action", "verify", "INC-1"],
        ["readiness", "INC-1"],
        ["drill", "--resume", "INC-1", "--no-console"],
    ]

    @Test(arguments: commands)
    func isRefusedNamingTheFileAndCreatesNothing(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        // A database that does hold INC-1, and the mistyped name beside it.
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        let opened = try fb.run("open", "--title", "Leaked key", "--severity", "2")
        #expect(opened.status == 0, "\(opened.stderr)")
        let typo = folder.path("fb.bd")
        let refused = try fb.run(arguments + ["--db", typo])
        #expect(refused.status != 0, "\(arguments)")
        #expect(refused.stderrLines.count == 1 && refused.stderr.contains("no incident database at \(typo)"), "\(arguments): \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo), "\(arguments) created \(typo)")
    }
}
