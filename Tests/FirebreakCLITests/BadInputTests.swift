import Foundation
import Testing
import FirebreakTestSupport

@Suite("Bad input: one clear line, non-zero exit, database unchanged")
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        .init(arguments: ["show", "INC-9"], message: "unknown incident INC-9"),
        .init(arguments: ["note", "INC-9", "hello"], message: "unknown incident INC-9"),
        .init(arguments: ["events", "INC-9"], message: "unknown incident INC-9"),
        .init(arguments: ["verify", "INC-9"], message: "unknown incident INC-9"),
        .init(arguments: ["show", "INC-x"], message: "'INC-x' is not an incident id"),
        .init(arguments: ["phase", "INC-1", "lunch"], message: "unknown phase 'lunch'"),
        .init(arguments: ["phase", "INC-1", "8"], message: "unknown phase '8'"),
        .init(arguments: ["phase", "INC-1", "readiness"], message: "INC-1 is already in Readiness"),
        .init(arguments: ["resource", "add", "INC-1", "arn:aws:ec2:us-east-1:1234:instance/i-0123456789abcdef0"], message: "malformed ARN 'arn:aws:ec2:us-east-1:1234:instance/i-0123456789abcdef0': account '1234' must be 12 digits"),
        .init(arguments: ["resource", "add", "INC-1", "arn:aws:ec2"], message: "malformed ARN 'arn:aws:ec2': it has 3 parts"),
        .init(arguments: ["resource", "add", "INC-1", "i-zzz"], message: "cannot tell what kind of resource 'i-zzz' is"),
        .init(arguments: ["resource", "add", "INC-1", "not_a_bucket!", "--kind", "s3-bucket"], message: "'not_a_bucket!' is not a valid s3-bucket id"),
        .init(arguments: ["resource", "add", "INC-1", "i-0123456789abcdef0", "--kind", "toaster"], message: "unknown resource kind 'toaster'"),
        .init(arguments: ["resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "pwned"], message: "unknown resource state 'pwned'"),
        .init(arguments: ["resource", "add", "INC-1", "i-0123456789abcdef0", "--region", "mars-1"], message: "'mars-1' is not an AWS region name"),
        .init(arguments: ["resource", "add", "INC-1", "i-1111111111111111a"], message: "resource i-1111111111111111a is already in INC-1"),
        .init(arguments: ["resource", "state", "INC-1", "i-0000000000000000f", "contained"], message: "no resource 'i-0000000000000000f' in INC-1"),
        .init(arguments: ["resource", "state", "INC-1", "i-1111111111111111a", "suspected"], message: "i-1111111111111111a is already suspected"),
        .init(arguments: ["check", "INC-1", "no-such-item"], message: "no checklist item 'no-such-item' in INC-1"),
        .init(arguments: ["check", "INC-1", "route53", "--undo"], message: "containment.route53 is not ticked"),
        .init(arguments: ["check", "INC-1", "route53", "--skip", "--undo"], message: "--skip and --undo cannot be used together"),
        .init(arguments: ["open", "--title", ""], message: "the title is empty"),
        .init(arguments: ["open", "--title", "   "], message: "the title is empty"),
        .init(arguments: ["open", "--title", "x", "--severity", "5"], message: "severity 5 is out of range"),
        .init(arguments: ["open", "--title", "x", "--severity", "0"], message: "severity 0 is out of range"),
        .init(arguments: ["open", "--title", "x", "--account", "12"], message: "'12' is not an AWS account id"),
        .init(arguments: ["open", "--title", "x", "--at", "yesterday"], message: "'yesterday' is not an RFC 3339 time"),
        .init(arguments: ["open", "--title", "x", "--at", "2099-01-01T00:00:00Z"], message: "is in the future (more than 5 minutes ahead of this machine's clock); pass --force"),
        // One strict reading of times and dates everywhere: February 30th is refused, never stored as March 2nd.
        .init(arguments: ["note", "INC-1", "x", "--at", "2026-02-30T10:00:00Z"], message: "--at '2026-02-30T10:00:00Z' is not a real time: February 2026 has 28 days"),
        .init(arguments: ["phase", "INC-1", "detection", "--at", "2026-11-28T24:00:00Z"], message: "--at '2026-11-28T24:00:00Z' is not a real time: there is no hour 24"),
        .init(arguments: ["open", "--title", "x", "--at", "2025-04-31T00:00:00Z"], message: "--at '2025-04-31T00:00:00Z' is not a real time: April 2025 has 30 days"),
        .init(arguments: ["followup", "INC-1", "x", "--owner", "alice", "--due", "2026-02-30"], message: "--due '2026-02-30' is not a real date: February 2026 has 28 days"),
        .init(arguments: ["note", "INC-1", "x", "--at", "2001-01-01T00:00:00Z"], message: "--at 2001-01-01T00:00:00Z is more than a year before the incident opened ("),
        .init(arguments: ["note", "INC-1", "x", "--at", "2099-01-01T00:00:00Z"], message: "is in the future"),
        // The id inside an ARN is held to the rule its bare id is.
        .init(arguments: ["resource", "add", "INC-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-xyz"],
              message: "names 'i-xyz', which is not a valid ec2-instance id; expected i- followed by 8 or 17 hex digits"),
        .init(arguments: ["resource", "add", "INC-1", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-12"],
              message: "names 'sg-12', which is not a valid security-group id"),
        .init(arguments: ["open"], message: "Missing expected argument '--title <title>'"),
        .init(arguments: ["note", "INC-1", " "], message: "the note is empty"),
        .init(arguments: ["close", "INC-1", "--resolution", ""], message: "the resolution is empty"),
        .init(arguments: ["reopen", "INC-1"], message: "INC-1 is already open"),
        .init(arguments: ["frobnicate"], message: "Unexpected argument 'frobnicate'"),
        .init(arguments: ["note", "INC-1", "x", "--as", ""], message: "the operator name (--as) is empty"),
        .init(arguments: ["role", "INC-1", "chef", "alice"], message: "unknown role 'chef'; expected commander or scribe"),
        .init(arguments: ["role", "INC-1", "scribe", "--clear"], message: "INC-1 has no scribe"),
        .init(arguments: ["role", "INC-1", "scribe", "x\u{1B}[2J"], message: "the name contains a control character"),
    ]

    @Test(arguments: cases)
    func refusedWithOneLineAndNoChange(_ example: Case) throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "baseline", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", "i-1111111111111111a")
        let before = try dump(fb.database)

        let result = try fb.run(example.arguments)
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(example.message), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack"))
        #expect(result.stdout.isEmpty)
        #expect(try dump(fb.database) == before)
    }

    /// An incident opens at any past time, a real leap day needs nothing, and `--force` takes a time outside the plausible range as given.
    @Test func aForcedTimeIsKeptAndALeapDayIsReal() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "old", "--at", "2024-02-29T12:00:00Z")
        try fb.ok("note", "INC-1", "leap day", "--at", "2024-02-29T23:59:59.5+00:00")
        try fb.ok("note", "INC-1", "long ago", "--at", "2001-01-01T00:00:00Z", "--force")
        let events = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
        #expect(events.map { $0["at"] as? String } == ["2024-02-29T12:00:00.000Z", "2024-02-29T23:59:59.500Z", "2001-01-01T00:00:00.000Z"])
        #expect(try fb.run("verify", "INC-1").status == 0)
    }

    @Test func aDatabasePathThatCannotBeCreated() throws {
        let folder = try TemporaryFolder()
        try Data("plain file".utf8).write(to: folder.url.appendingPathComponent("file"))
        let fb = FirebreakProcess(database: folder.path("file/sub/incidents.db"))
        let result = try fb.run("open", "--title", "x")
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("firebreak: cannot create the database \(folder.path("file/sub/incidents.db"))"))
    }

    @Test func aDatabaseFromANewerSchema() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "x")
        try sqlite3(fb.database, "INSERT INTO grdb_migrations VALUES ('v7-later')")
        let before = try dump(fb.database)
        for arguments in [["note", "1", "hi"], ["show", "1"], ["list"], ["verify"]] {
            let result = try fb.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.contains("was written by a newer Firebreak (unknown schema v7-later)"), "\(arguments)")
        }
        #expect(try dump(fb.database) == before)
    }

    @Test func aCorruptDatabaseFile() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        let noise = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) })
        try noise.write(to: URL(fileURLWithPath: fb.database))
        for arguments in [["open", "--title", "x"], ["list"], ["show", "1"]] {
            let result = try fb.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.contains("is not a Firebreak database"), "\(arguments): \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fb.database)) == noise)
    }

    @Test func readingCommandsOnNoDatabaseCreateNothing() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("none/incidents.db"))
        #expect(try fb.run("list").status == 0)
        #expect(try fb.run("show", "1").stderr.contains("unknown incident INC-1"))
        #expect(try fb.run("verify").status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path("none")))
    }
}
