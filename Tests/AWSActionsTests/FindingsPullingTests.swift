import AWSActions
import Foundation
import IncidentModel
import Testing

/// `import --from` a page at a time, with `--min-severity`, `--since` and
/// `--resource` given to AWS as its own filters and applied again to what comes back.
@Suite("Findings pulling", .motoServer)
struct FindingsPullingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The three ASFF findings of `securityhub-findings.json` imported into moto's Security Hub.
    static func seedSecurityHub(_ drill: Drill) throws {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("securityhub-findings.json"))) as! [String: Any]
        let seed = drill.folder.appendingPathComponent("asff.json")
        try JSONSerialization.data(withJSONObject: document["Findings"]!).write(to: seed)
        #expect(try drill.aws("securityhub", "batch-import-findings", "--findings", "file://\(seed.path)", "--query", "SuccessCount") == "3")
    }

    @Test func securityHubIsReadAPageAtATime() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try Self.seedSecurityHub(drill)
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", timeout: 60, environment: drill.server.environment))
        let documents = try FindingsFetcher(runner: runner, pageSize: 2).fetch(.securityHub, region: "us-east-1")
        // Two pages (2 + 1): every finding once.
        #expect(documents.map(\.findings.count) == [2, 1])
        #expect(Set(documents.flatMap(\.findings).map(\.id)).count == 3)
    }

    @Test func filtersOnTheCommandLineChooseTheFindingsFetched() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try Self.seedSecurityHub(drill)
        let high = try drill.firebreakOK("import", "INC-1", "--from", "securityhub", "--min-severity", "high")
        #expect(high.contains("1 finding imported, 0 already there"))
        #expect(high.contains("securityhub arn:aws:guardduty:eu-west-1:210987654321:detector/aa11bb22cc33dd44ee55ff6677889900/finding/1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d"))
        let instance = try drill.firebreakOK("import", "INC-1", "--from", "securityhub", "--resource", "i-0fedcba9876543210")
        #expect(instance.contains("1 finding imported, 0 already there") && instance.contains("SSHBruteForce"))
        // Last seen 2026-02-28T08:00:00.654Z: the only one seen after 05:00 that day.
        let recent = try drill.firebreakOK("import", "INC-1", "--from", "securityhub", "--since", "2026-02-28T05:00:00Z")
        #expect(recent.contains("1 finding imported, 0 already there") && recent.contains("S3.8"))
        let bad = try drill.firebreak("import", "INC-1", "--from", "securityhub", "--min-severity", "urgent")
        #expect(bad.status != 0 && bad.stderr.contains("--min-severity: 'urgent' is not informational, low, medium, high or critical"))
    }

    @Test func guardDutyFindingIdsArePagedAndTheCriteriaGoToAWS() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let fixture = { (name: String) in RecordedResponsesCLI.Answer.file(Self.fixtures.appendingPathComponent(name).path) }
        let cli = try RecordedResponsesCLI([
            "guardduty list-detectors": [fixture("findings/guardduty-list-detectors.json")],
            "guardduty list-findings": [fixture("findings/guardduty-list-findings-page-1.json"), fixture("findings/guardduty-list-findings-page-2.json")],
            "guardduty get-findings": [fixture("guardduty-findings.json")],
        ])
        let output = try drill.firebreakOK("import", "INC-1", "--from", "guardduty", "--min-severity", "high", "--aws-cli", cli.path)
        // The recorded answer holds all three; the MEDIUM (5.0) one is not taken.
        #expect(output.contains("2 findings imported, 0 already there"))
        #expect(!output.contains("f0e1d2c3b4a5968778695a4b3c2d1e0f"))
        let lists = cli.calls("guardduty list-findings")
        #expect(lists.count == 2)
        #expect(lists[0].contains("--finding-criteria") && lists[0][lists[0].firstIndex(of: "--finding-criteria")! + 1] == #"{"Criterion":{"severity":{"Gte":7}}}"#)
        #expect(lists[0].contains("--max-items") && !lists[0].contains("--starting-token"))
        #expect(lists[1][lists[1].firstIndex(of: "--starting-token")! + 1] == "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==")
        let gets = cli.calls("guardduty get-findings")
        let ids = try #require(gets.first.flatMap { call in call.firstIndex(of: "--finding-ids").map { Array(call[($0 + 1)...].prefix(3)) } })
        #expect(gets.count == 1 && ids == ["c2c6b1f4e9a8d7e6f5a4b3c2d1e0f9a8", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "f0e1d2c3b4a5968778695a4b3c2d1e0f"])
    }

    /// moto does not implement batch-update-findings (docs: /work/shared/notes/moto-ir-apis.md): AWS's documented
    /// response (BatchUpdateFindings, Security Hub API Reference) answers through the same runner.
    @Test func closingMarksTheImportedSecurityHubFindingsResolvedShowingTheCommandsFirst() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("import", "INC-1", Self.fixtures.appendingPathComponent("securityhub-findings.json").path)
        let cli = try RecordedResponsesCLI(["securityhub batch-update-findings": [RecordedResponsesCLI.fixture("securityhub-batch-update-findings.json")]])
        let before = try drill.firebreakOK("events", "INC-1")

        // --plan: the exact command, nothing run, nothing recorded.
        let plan = try drill.firebreakOK("close", "INC-1", "--resolution", "keys rotated", "--resolve-findings", "--plan", "--aws-cli", cli.path)
        #expect(plan.contains("Resolve 3 findings in AWS, then close INC-1:\n  Mark 3 Security Hub findings RESOLVED (batch-update-findings, at most 100 a call):"))
        // One call for the three (one region), in the order they were imported (first seen), each by Id and ProductArn.
        #expect(plan.contains("aws securityhub batch-update-findings --finding-identifiers '[{\"Id\":\"arn:aws:securityhub:eu-west-1:210987654321:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d\",\"ProductArn\":\"arn:aws:securityhub:eu-west-1::product/aws/securityhub\"},{\"Id\":\"arn:aws:guardduty:eu-west-1:210987654321:detector/aa11bb22cc33dd44ee55ff6677889900/finding/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\",\"ProductArn\":\"arn:aws:securityhub:eu-west-1::product/aws/guardduty\"}"))
        #expect(plan.components(separatedBy: "aws securityhub batch-update-findings").count == 2)
        #expect(plan.contains("--workflow Status=RESOLVED --note '{\"Text\":\"Resolved in Firebreak incident INC-1: drill\",\"UpdatedBy\":\"firebreak tester\"}'"))
        #expect(plan.contains("--region eu-west-1"))
        #expect(cli.calls("securityhub batch-update-findings").isEmpty)
        #expect(try drill.firebreakOK("events", "INC-1") == before)

        let closed = try drill.firebreakOK("close", "INC-1", "--resolution", "keys rotated", "--resolve-findings", "--force", "--aws-cli", cli.path)
        let calls = cli.calls("securityhub batch-update-findings")
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        let identifiers = try JSONSerialization.jsonObject(with: Data(call[call.firstIndex(of: "--finding-identifiers")! + 1].utf8)) as! [[String: String]]
        #expect(identifiers.count == 3 && identifiers.allSatisfy { $0["ProductArn"]?.hasPrefix("arn:aws:securityhub:eu-west-1::product/aws/") == true })
        #expect(call.contains("Status=RESOLVED") && call[call.firstIndex(of: "--region")! + 1] == "eu-west-1")
        // What AWS answered is said and recorded: two resolved, one it could not find.
        #expect(closed.contains("Security Hub: 2 findings marked RESOLVED (batch-update-findings); 1 not updated (arn:aws:securityhub:eu-west-1:210987654321:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d: FindingNotFound: Finding Not Found)"))
        #expect(closed.contains("INC-1 closed"))
        let events = try drill.firebreakOK("events", "INC-1")
        #expect(events.contains("Security Hub: 2 findings marked RESOLVED") && events.contains("incident.closed"))

        // A call that fails leaves the incident open, the database unchanged.
        let other = try Drill()
        defer { other.cleanUp() }
        try other.firebreakOK("import", "INC-1", Self.fixtures.appendingPathComponent("securityhub-findings.json").path)
        let denied = try RecordedResponsesCLI(["securityhub batch-update-findings": [.error(code: "AccessDeniedException", operation: "BatchUpdateFindings",
                                                                                            message: "User is not authorized to perform: securityhub:BatchUpdateFindings")]])
        let unchanged = try other.firebreakOK("events", "INC-1")
        let failed = try other.firebreak("close", "INC-1", "--resolution", "x", "--resolve-findings", "--force", "--aws-cli", denied.path)
        #expect(failed.status != 0 && failed.stderr.contains("AccessDeniedException") && failed.stderr.contains("INC-1 stays open"))
        #expect(failed.stderr.split(separator: "\n").count == 1)
        #expect(try other.firebreakOK("events", "INC-1") == unchanged)
    }
}
