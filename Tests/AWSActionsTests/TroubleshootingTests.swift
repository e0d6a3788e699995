@testable import AWSActions
import Foundation
import Testing

/// Queries and read-backs: the CloudWatch Logs poller and logs.search against
/// moto, cloudtrail.lookup through a stand-in CLI printing recorded output,
/// and containment.verify noticing a containment undone behind its back.
@Suite("Troubleshooting against moto", .motoServer)
struct TroubleshootingTests {
    @Test func theLogGroupPollerReturnsEachEventOnceAcrossRestarts() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let group = "/firebreak/test-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("logs", "create-log-group", "--log-group-name", group)
        try drill.aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "web")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        func put(_ events: [(Int64, String)]) throws {
            let json = "[" + events.map { #"{"timestamp": \#($0.0), "message": "\#($0.1)"}"# }.joined(separator: ",") + "]"
            try drill.aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "web", "--log-events", json)
        }
        // Two events at the same millisecond: the second poll must not lose the later one nor repeat the first.
        try put([(now - 3000, "GET / 200"), (now - 2000, "ERROR one"), (now - 2000, "ERROR two")])
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", timeout: 30, environment: drill.server.environment))
        let poller = try CloudWatchLogsPoller(runner: runner, logGroup: group, start: Date().addingTimeInterval(-60))
        let first = try poller.poll(after: nil)
        #expect(first.records.map(\.message) == ["GET / 200", "ERROR one", "ERROR two"])
        #expect(first.records.map(\.timestampMs) == [now - 3000, now - 2000, now - 2000])
        #expect(first.records.allSatisfy { $0.source == "web" })

        try put([(now - 1000, "ERROR three")])
        // A new poller (a restarted console) resuming from the saved cursor.
        let restarted = try CloudWatchLogsPoller(runner: runner, logGroup: group, start: Date())
        let second = try restarted.poll(after: first.cursor)
        #expect(second.records.map(\.message) == ["ERROR three"])
        #expect(try restarted.poll(after: second.cursor).records.isEmpty)

        let errors = try CloudWatchLogsPoller(runner: runner, logGroup: group, filterPattern: "ERROR", start: Date().addingTimeInterval(-60))
        #expect(errors.arguments(from: LogPollCursor(timestampMs: 5)).last == "--filter-pattern=ERROR")
        #expect(try errors.poll(after: nil).records.map(\.message) == ["ERROR one", "ERROR two", "ERROR three"])
        #expect(throws: (any Error).self) { try CloudWatchLogsPoller(runner: runner, logGroup: "--endpoint-url=http://evil") }

        // logs.search: the same events through the catalog, printed and recorded.
        try drill.firebreakOK("resource", "add", "INC-1", group, "--kind", "log-group")
        let output = try drill.firebreakOK("action", "run", "INC-1", "logs.search", group, "--yes", "--param", "pattern=ERROR", "--param", "since=1h")
        #expect(output.contains("ERROR one") && output.contains("ERROR three") && !output.contains("GET /"))
        let step = try #require((drill.run("run-1")["steps"] as! [[String: Any]]).first)
        #expect((step["argv"] as? [String])?.contains("ERROR") == true)
        #expect(try drill.checklistState("troubleshooting.cloudwatch-logs") == "done")
    }

    /// CloudWatch Logs names a group by an ARN ending in `:*`; the CLI takes the group's name.
    @Test func aLogGroupNamedByItsARNIsSearchedByName() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let group = "/aws/lambda/firebreak-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("logs", "create-log-group", "--log-group-name", group)
        try drill.aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "s")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try drill.aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s",
                      "--log-events", #"[{"timestamp": \#(now - 1000), "message": "ERROR from the ARN-named group"}]"#)
        let arn = "arn:aws:logs:us-east-1:123456789012:log-group:\(group):*"
        try drill.firebreakOK("resource", "add", "INC-1", arn)
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "logs.search", arn, "--param", "pattern=ERROR")
        #expect(plan.contains("--log-group-name \(group) "))
        let output = try drill.firebreakOK("action", "run", "INC-1", "logs.search", arn, "--yes", "--param", "pattern=ERROR", "--param", "since=1h")
        #expect(output.contains("ERROR from the ARN-named group"))
    }

    @Test func cloudTrailLookupThroughTheCatalogPrintsTheEvents() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let fixture = LogRecordTests.fixtures.appendingPathComponent("cloudtrail-lookup-events-v1.json").path
        let fake = try FakeCLI(script: "cat \(fixture)")
        try drill.firebreakOK("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--kind", "iam-access-key", "--state", "compromised")
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "cloudtrail.lookup", "AKIAIOSFODNN7EXAMPLE", "--param", "since=2025-11-29T08:00:00Z")
        #expect(plan.contains(#"AttributeKey":"AccessKeyId""#))
        #expect(plan.contains("--start-time 2025-11-29T08:00:00Z"))
        let output = try drill.firebreakOK("action", "run", "INC-1", "cloudtrail.lookup", "AKIAIOSFODNN7EXAMPLE", "--yes",
                                           "--param", "since=2025-11-29T08:00:00Z", "--aws-cli", fake.path)
        let lines = output.split(separator: "\n").filter { $0.contains("2025-11-29T08:1") }
        #expect(lines.count == 4)
        #expect(lines.first?.contains("sts.amazonaws.com GetCallerIdentity") == true)
        #expect(lines.last?.contains("ERROR") == true)
        #expect(try drill.checklistState("troubleshooting.cloudtrail") == "done")
    }

    @Test func verifyReportsWhatStillHoldsAndWhatWasUndoneBehindItsBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        #expect(try drill.firebreakOK("action", "verify", "INC-1").contains("no containment in force"))
        let (instance, interfaces) = try drill.seedInstance(interfaces: 1)
        let bucket = "held-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes")
        try drill.firebreakOK("action", "run", "INC-1", "s3.block-public-access", bucket, "--yes")

        let holding = try drill.firebreakOK("action", "verify", "INC-1")
        #expect(holding.contains("holds  \(instance) run-1 ec2.isolate"))
        #expect(holding.contains("holds  \(bucket) run-2 s3.block-public-access"))
        #expect(try drill.checklistState("troubleshooting.threat-viable") == "done")

        // Someone puts the original group back outside Firebreak.
        try drill.aws("ec2", "modify-network-interface-attribute", "--network-interface-id", interfaces[0].id, "--groups", interfaces[0].group)
        let broken = try drill.firebreak("action", "verify", "INC-1", "--json")
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("containment no longer holds for \(instance) (run-1 ec2.isolate)"))
        let report = try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as! [String: Any]
        let checks = report["checks"] as! [[String: Any]]
        #expect(checks.first { $0["resource"] as? String == instance }?["holds"] as? Bool == false)
        #expect(checks.first { $0["resource"] as? String == bucket }?["holds"] as? Bool == true)
        let run = try drill.run(report["runId"] as! String)
        #expect(run["action"] as? String == "containment.verify")
        #expect(run["status"] as? String == "partial")
        // The isolation's flow logs are looked for too (there are none here: `IsolationTrafficTests`).
        #expect((run["steps"] as! [[String: Any]]).map { $0["step"] as! String }.sorted()
                == ["run-1 traffic-flow-logs", "run-1 traffic-interfaces", "run-1 verify-isolated", "run-2 verify-blocked"])
    }
}
