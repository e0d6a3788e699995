import Foundation
import Testing

/// `firebreak import` through the real binary: files, re-import, hostile
/// input, and Security Hub findings seeded into moto and read back with `--from securityhub`.
@Suite("Findings import", .motoServer)
struct FindingsImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func aGuardDutyFileFillsTheResourcesAndReimportAddsNothing() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let file = Self.fixtures.appendingPathComponent("guardduty-findings.json").path
        let output = try drill.firebreakOK("import", "INC-1", file)
        #expect(output.contains("3 findings imported, 0 already there, 7 resources added"))
        #expect(output.contains("suspected intent: CryptoCurrency, UnauthorizedAccess, Exfiltration"))
        let events = try drill.firebreakOK("events", "INC-1", "--json")
        let again = try drill.firebreakOK("import", "INC-1", file)
        #expect(again.contains("0 findings imported, 3 already there, 0 resources added"))
        #expect(try drill.firebreakOK("events", "INC-1", "--json") == events)

        let resources = try drill.incident()["resources"] as! [[String: Any]]
        let instance = try #require(resources.first { $0["id"] as? String == "i-0a1b2c3d4e5f67890" })
        #expect(instance["state"] as? String == "compromised" && instance["owner"] as? String == "payments-team")
        #expect(instance["region"] as? String == "us-east-1" && instance["kind"] as? String == "ec2-instance")
        // The finding's event is dated when the activity was first seen.
        let list = try JSONSerialization.jsonObject(with: Data(events.utf8)) as! [[String: Any]]
        let crypto = try #require(list.first { ($0["kind"] as? String) == "finding.imported" })
        #expect(crypto["at"] as? String == "2026-03-01T02:31:44.000Z")
    }

    @Test func aHostileResourceIdCostsOnlyThatResourceAndNotAFindingStopsTheImportUnlessSkipInvalid() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("guardduty-findings.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"InstanceId\": \"i-0a1b2c3d4e5f67890\"", with: "\"InstanceId\": \"i-0a1b2c3d\\u001b[2J; rm -rf /\"")
        let file = drill.folder.appendingPathComponent("hostile.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        // The finding is kept, with its instance profile; the instance is named as unusable, its escape shown, never sent.
        let hostile = try drill.firebreak("import", "INC-1", file.path)
        #expect(hostile.status == 0 && hostile.stdout.contains("3 findings imported, 0 already there, 6 resources added"))
        #expect(hostile.stdout.contains("  unusable: Resource.InstanceDetails.InstanceId 'i-0a1b2c3d"))
        #expect(!hostile.stdout.contains("\u{1B}") && !hostile.stderr.contains("\u{1B}"))
        let resources = try drill.incident()["resources"] as! [[String: Any]]
        #expect(!resources.contains { ($0["id"] as? String)?.hasPrefix("i-0a1b2c3d") == true })
        #expect(resources.contains { $0["id"] as? String == "arn:aws:iam::123456789012:instance-profile/web-app-profile" })

        // An element that is not a finding at all (no type) stops the import: nothing is written.
        let notAFinding = drill.folder.appendingPathComponent("mixed.json")
        let mixed = text.replacingOccurrences(of: "\"Findings\": [", with: "\"Findings\": [{\"Id\": \"lonely\", \"Resource\": {}},")
            .replacingOccurrences(of: "c2c6b1f4e9a8d7e6f5a4b3c2d1e0f9a8", with: "c2c6b1f4e9a8d7e6f5a4b3c2d1e0f9a9")
        try mixed.write(to: notAFinding, atomically: true, encoding: .utf8)
        let before = try drill.firebreakOK("events", "INC-1", "--json")
        let refused = try drill.firebreak("import", "INC-1", notAFinding.path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("mixed.json: finding 0 (id lonely): Type is missing") && refused.stderr.contains("nothing imported"))
        #expect(try drill.firebreakOK("events", "INC-1", "--json") == before)
        let skipped = try drill.firebreak("import", "INC-1", notAFinding.path, "--skip-invalid")
        #expect(skipped.status == 0 && skipped.stderr.contains("mixed.json: finding 0 (id lonely)"))
        #expect(skipped.stdout.contains("1 finding imported, 2 already there"))

        let notJSON = drill.folder.appendingPathComponent("notes.txt")
        try "hello".write(to: notJSON, atomically: true, encoding: .utf8)
        let bad = try drill.firebreak("import", "INC-1", notJSON.path)
        #expect(bad.status != 0 && bad.stderr.contains("notes.txt: not JSON"))
    }

    @Test func oddValuesImportEndToEndWithTheirIndicatorsInTheReport() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let file = Self.fixtures.appendingPathComponent("findings/guardduty-odd-values.json").path
        let output = try drill.firebreakOK("import", "INC-1", file)
        #expect(output.contains("3 findings imported, 0 already there, 1 resource added"))
        // One line per finding with an odd field, naming the fields.
        let unusable = output.split(separator: "\n").filter { $0.hasPrefix("  unusable: ") }
        #expect(unusable.count == 3)
        #expect(unusable.contains { $0.contains("AccountId '123456789' is not a 12-digit account id") })
        #expect(unusable.contains { $0 == "  unusable: Resource is missing" })
        #expect(output.contains("indicators: principal system:anonymous, ip-address 175.16.199.1"))
        #expect(output.contains("suspected intent: PrivilegeEscalation, Persistence, Recon\n"))

        let report = try drill.firebreakOK("report", "INC-1", "--format", "json")
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        let indicators = try #require(json["indicators"] as? [[String: Any]])
        let probe = try #require(indicators.first { $0["value"] as? String == "198.51.100.77" })
        #expect(probe["kind"] as? String == "ip-address" && probe["cidr"] as? String == "198.51.100.77/32")
        let seen = try #require((probe["seen"] as? [[String: Any]])?.first)
        #expect(seen["source"] as? String == "guardduty finding f1f2f3f4f5f6f7f8f9f0f1f2f3f4f5f6")
        #expect(seen["field"] as? String == "Service.Action.PortProbeAction.PortProbeDetails[0].RemoteIpDetails.IpAddressV4")
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        let short = try #require(findings.first { $0["id"] as? String == "abcd1234" })
        #expect((short["unusable"] as? [String])?.first == "AccountId '123456789' is not a 12-digit account id")
        #expect(short["resources"] as? [String] == ["i-0abcd1234abcd1234"])
        let markdown = try drill.firebreakOK("report", "INC-1")
        #expect(markdown.contains("## Indicators of compromise") && markdown.contains("198.51.100.77"))
    }

    @Test func securityHubFindingsSeededInMotoAreFetchedWithFrom() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("securityhub-findings.json"))) as! [String: Any]
        let seed = drill.folder.appendingPathComponent("asff.json")
        try JSONSerialization.data(withJSONObject: document["Findings"]!).write(to: seed)
        let imported = try drill.aws("securityhub", "batch-import-findings", "--findings", "file://\(seed.path)", "--query", "SuccessCount")
        #expect(imported == "3")

        let output = try drill.firebreakOK("import", "INC-1", "--from", "securityhub")
        #expect(output.contains("3 findings imported") && output.contains("5 resources added"))
        #expect(output.contains("suspected intent: UnauthorizedAccess, Persistence"))
        let resources = try drill.incident()["resources"] as! [[String: Any]]
        let user = try #require(resources.first { $0["id"] as? String == "arn:aws:iam::210987654321:user/ops-deploy" })
        #expect(user["state"] as? String == "compromised" && user["owner"] as? String == "release-engineering" && user["account"] as? String == "210987654321")
        #expect(try drill.firebreakOK("import", "INC-1", "--from", "securityhub").contains("0 findings imported, 3 already there"))
    }
}
