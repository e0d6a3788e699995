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

    @Test func aHostileFindingStopsTheImportWithNothingWrittenUnlessSkipInvalid() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("guardduty-findings.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"InstanceId\": \"i-0a1b2c3d4e5f67890\"", with: "\"InstanceId\": \"i-0a1b2c3d\\u001b[2J; rm -rf /\"")
        let file = drill.folder.appendingPathComponent("hostile.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let before = try drill.firebreakOK("events", "INC-1", "--json")
        let refused = try drill.firebreak("import", "INC-1", file.path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("hostile.json: finding 1 (id a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6): Resource.InstanceDetails.InstanceId"))
        #expect(refused.stderr.contains("nothing imported") && !refused.stderr.contains("\u{1B}"))
        #expect(try drill.firebreakOK("events", "INC-1", "--json") == before)

        let skipped = try drill.firebreak("import", "INC-1", file.path, "--skip-invalid")
        #expect(skipped.status == 0 && skipped.stderr.contains("hostile.json: finding 1 (id a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6)"))
        #expect(skipped.stdout.contains("2 findings imported"))

        let notJSON = drill.folder.appendingPathComponent("notes.txt")
        try "hello".write(to: notJSON, atomically: true, encoding: .utf8)
        let bad = try drill.firebreak("import", "INC-1", notJSON.path)
        #expect(bad.status != 0 && bad.stderr.contains("notes.txt: not JSON"))
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
        #expect(output.contains("3 findings imported") && output.contains("4 resources added"))
        #expect(output.contains("suspected intent: UnauthorizedAccess, Persistence"))
        let resources = try drill.incident()["resources"] as! [[String: Any]]
        let user = try #require(resources.first { $0["id"] as? String == "arn:aws:iam::210987654321:user/ops-deploy" })
        #expect(user["state"] as? String == "compromised" && user["owner"] as? String == "release-engineering" && user["account"] as? String == "210987654321")
        #expect(try drill.firebreakOK("import", "INC-1", "--from", "securityhub").contains("0 findings imported, 3 already there"))
    }
}
