import Foundation
import Testing
import FirebreakTestSupport

/// `firebreak severity` and `firebreak note --status-update`: the console's `S` and `N` from the command
/// line, the same events (`severity.changed`, a note of kind status-update), and bad input refused whole.
@Suite("Severity and status updates from the command line")
struct StakeholderCommandsTests {
    static func events(_ fb: FirebreakProcess) throws -> [[String: Any]] {
        try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
    }

    @Test func severityAndAStatusUpdateAreRecordedAsTheConsoleRecordsThem() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "Leaked key", "--severity", "3")
        #expect(try fb.ok("severity", "INC-1", "SEV1", "--reason", "production data reached") == "INC-1 severity SEV3 → SEV1 (critical)\n")
        let change = try #require(try Self.events(fb).last)
        #expect(change["kind"] as? String == "severity.changed")
        let body = try #require(change["payload"] as? [String: Any])
        #expect(body["from"] as? Int == 3 && body["to"] as? Int == 1 && body["reason"] as? String == "production data reached", "\(body)")
        #expect((try fb.json("show", "INC-1", "--json") as? [String: Any])?["severity"] as? Int == 1)
        // Without a reason, none is recorded; the number alone works too.
        try fb.ok("severity", "1", "2")
        #expect((try Self.events(fb).last?["payload"] as? [String: Any])?["reason"] == nil)

        let posted = try fb.ok("note", "INC-1", "--status-update", "Customers told: no data left the account; next update 14:00")
        #expect(posted.contains("status update added"), "\(posted)")
        let update = try #require(try Self.events(fb).last?["payload"] as? [String: Any])
        #expect(update["kind"] as? String == "status-update", "\(update)")
        try fb.ok("note", "INC-1", "an ordinary note")
        let report = try fb.ok("report", "INC-1")
        let section = try #require(report.range(of: "## Status updates")).upperBound
        let listed = report[section...].prefix { $0 != "#" }
        #expect(listed.contains("no data left the account") && !listed.contains("an ordinary note"), "\(listed)")
        #expect(try fb.run("verify").status == 0)
    }

    @Test func badSeverityOrStatusUpdateInputIsOneLineAndChangesNothing() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "Leaked key", "--severity", "2")
        let before = try Self.events(fb).count
        let cases: [([String], String)] = [
            (["severity", "INC-1", "5"], "out of range"),
            (["severity", "INC-1", "high"], "is not 1 to 4"),
            (["severity", "INC-1", "2"], "already SEV2"),
            (["severity", "INC-1", "1", "--reason", "line\u{1B}[31m"], "control character"),
            (["severity", "INC-9", "1"], "INC-9"),
            (["note", "INC-1", "--status-update", "  "], "the status update is empty"),
            (["note", "INC-1", "--status-update", "told\u{7}them"], "control character"),
        ]
        for (arguments, problem) in cases {
            let refused = try fb.run(arguments)
            #expect(refused.status != 0, "\(arguments)")
            #expect(refused.stderrLines.count == 1 && refused.stderr.contains(problem), "\(arguments): \(refused.stderr)")
        }
        #expect(try Self.events(fb).count == before)
        // A mistyped --db is named, and not created.
        let typo = folder.path("tpyo.db")
        for arguments in [["severity", "INC-1", "1", "--db", typo], ["note", "INC-1", "--status-update", "told", "--db", typo]] {
            let refused = try fb.run(arguments)
            #expect(refused.status != 0 && refused.stderr.contains("no incident database at \(typo)"), "\(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: typo))
    }
}
