import Foundation
import Testing

/// A call's output longer than a step's event keeps: kept whole (redacted)
/// once by hash, named by the event, printed by `firebreak body`, covered by
/// `firebreak verify`.
@Suite("Long outputs kept by hash", .motoServer)
struct StoredBodyTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"

    @Test func aLongOutputIsKeptOnceByHashRedactedAndVerified() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        // A site query whose CLI prints ~60 KB of JSON with a secret past the event's 8 KiB.
        let actions = drill.folder.appendingPathComponent("config/firebreak/actions")
        try FileManager.default.createDirectory(at: actions, withIntermediateDirectories: true)
        try #"""
        {"id": "site.inventory", "phase": "troubleshooting", "kinds": ["ec2-instance"], "summary": "long read", "risk": "read-only",
         "steps": [{"name": "read", "argv": ["ec2", "describe-instances", "--instance-ids", "{resource}"]}]}
        """#.write(to: actions.appendingPathComponent("inventory.json"), atomically: true, encoding: .utf8)
        let fake = try FakeCLI(script: """
            echo '{"Items": ['
            i=0; while [ $i -lt 1500 ]; do echo "  {\\"Index\\": $i, \\"Name\\": \\"item-$i-padding-padding\\"},"; i=$((i+1)); done
            echo '  {"AccessKey": {"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "\(Self.secret)"}}'
            echo '], "End": "last line"}'
            """)
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0")
        try drill.firebreakOK("action", "run", "INC-1", "site.inventory", "i-0123456789abcdef0", "--yes", "--aws-cli", fake.path)
        try drill.firebreakOK("action", "run", "INC-1", "site.inventory", "i-0123456789abcdef0", "--yes", "--aws-cli", fake.path)

        let step = try #require((drill.run("run-1")["steps"] as! [[String: Any]]).first)
        let body = try #require(step["stdoutBody"] as? [String: Any])
        let hash = try #require(body["sha256"] as? String)
        #expect((body["bytes"] as? Int ?? 0) > 50_000)
        #expect((step["stdout"] as! String).utf8.count < 9_000)
        #expect((step["stdout"] as! String).contains(hash))
        #expect(step["stderrBody"] is NSNull)

        // `firebreak body` gives back exactly the kept bytes: the whole output, redacted.
        let printed = try drill.firebreakOK("body", hash)
        let copy = drill.folder.appendingPathComponent("body.json")
        try Data(printed.utf8).write(to: copy)
        let sum = try Drill.run("/usr/bin/sha256sum", [copy.path], environment: ProcessInfo.processInfo.environment)
        #expect(sum.stdout.hasPrefix(hash + " "))
        #expect(printed.contains(#""End": "last line""#) && printed.contains("[REDACTED]") && !printed.contains(Self.secret))
        // The second run's identical output is the same body, stored once.
        let second = try #require((drill.run("run-2")["steps"] as! [[String: Any]]).first?["stdoutBody"] as? [String: Any])
        #expect(second["sha256"] as? String == hash)
        #expect(try sqlite(drill, "SELECT count(*) FROM bodies") == "1")
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += (try? Data(contentsOf: URL(fileURLWithPath: drill.database + suffix))) ?? Data() }
        #expect(bytes.range(of: Data(Self.secret.utf8)) == nil, "the secret is in the database")

        #expect(try drill.firebreak("verify", "INC-1").status == 0)
        let unknown = try drill.firebreak("body", String(repeating: "0", count: 64))
        #expect(unknown.status != 0 && unknown.stderr.contains("no output is kept under"))
        let malformed = try drill.firebreak("body", "../etc/passwd")
        #expect(malformed.status != 0 && malformed.stderr.contains("is not a SHA-256"))

        // Altering the kept body (past its append-only trigger) is caught, naming the event that keeps it.
        try sqlite(drill, "DROP TRIGGER bodies_no_update; UPDATE bodies SET bytes = CAST('{}' AS BLOB);")
        let broken = try drill.firebreak("verify", "INC-1")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("was altered") && broken.stderr.contains("#"))
    }

    @discardableResult
    private func sqlite(_ drill: Drill, _ sql: String) throws -> String {
        let result = try Drill.run("/usr/bin/sqlite3", [drill.database, sql], environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "sqlite3: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
