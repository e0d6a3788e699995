import AWSActions
import Foundation
import IncidentModel
import Testing

/// Findings documents parsed from recorded real-format JSON (GuardDuty has no
/// emulator; the same parser reads what the CLI prints).
@Suite("Findings parsing")
struct FindingsParsingTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
    }

    @Test func guardDutyFindingsBecomeResourcesWithKindsOwnersTimesAndIntent() throws {
        let document = try FindingsDocument.parse(try Self.fixture("guardduty-findings.json"), source: "gd.json")
        #expect(document.problems.isEmpty)
        #expect(document.findings.count == 3)
        let exfil = try #require(document.findings.first { $0.type.hasPrefix("UnauthorizedAccess") })
        #expect(exfil.source == .guardDuty && exfil.isSevere && exfil.severity == "HIGH (8.0)")
        #expect(exfil.intent == "UnauthorizedAccess")
        #expect(Timestamp.format(exfil.firstSeen) == "2026-03-01T02:51:07.000Z")
        #expect(Timestamp.format(exfil.lastSeen) == "2026-03-01T03:09:55.000Z")
        #expect(exfil.resources.map(\.reference.kind) == [.iamAccessKey, .iamRole])
        #expect(exfil.resources.allSatisfy { $0.region == nil && $0.account == "123456789012" })

        let crypto = try #require(document.findings.first { $0.intent == "CryptoCurrency" })
        #expect(crypto.resources.map(\.reference.id) == ["i-0a1b2c3d4e5f67890", "arn:aws:iam::123456789012:instance-profile/web-app-profile"])
        #expect(crypto.resources[0].owner == "payments-team" && crypto.resources[0].region == "us-east-1")

        let s3 = try #require(document.findings.first { $0.intent == "Exfiltration" })
        #expect(!s3.isSevere)
        #expect(s3.resources.map(\.reference.kind) == [.iamAccessKey, .iamUser, .s3Bucket])
        #expect(s3.resources[2].owner == "data-platform")
    }

    @Test func securityHubFindingsMapASFFTypesStripKeyPrefixesAndKeepTheAccount() throws {
        let document = try FindingsDocument.parse(try Self.fixture("securityhub-findings.json"), source: "sh.json")
        #expect(document.problems.isEmpty)
        let byIntent = Dictionary(document.findings.map { ($0.intent ?? "-", $0) }, uniquingKeysWith: { first, _ in first })
        let brute = try #require(byIntent["UnauthorizedAccess"])
        #expect(brute.resources.map(\.reference.kind) == [.ec2Instance])
        #expect(brute.resources[0].region == "eu-west-1" && brute.resources[0].account == "210987654321" && brute.resources[0].owner == "platform")
        let persistence = try #require(byIntent["Persistence"])
        #expect(persistence.resources.map(\.reference.id) == ["AKIAZXCVBNMASDFGHJKL", "arn:aws:iam::210987654321:user/ops-deploy"])
        #expect(persistence.resources[1].owner == "release-engineering" && persistence.isSevere)
        let check = try #require(byIntent["-"])
        #expect(check.resources.map(\.reference.kind) == [.s3Bucket, .awsAccount])
        #expect(check.resources[1].reference.id == "210987654321" && check.resources[1].region == nil)
        // Six fractional digits, read to the millisecond.
        #expect(Timestamp.format(check.firstSeen) == "2026-02-20T08:00:00.123Z")
    }

    @Test func hostileResourceIdsAndRegionsAreLeftOutAndNamedWhileTheFindingsAreKept() throws {
        let hostile = """
        {"Findings": [
          {"SchemaVersion": "2018-10-08", "Id": "ok-1", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/guardduty", "AwsAccountId": "123456789012",
           "Types": ["TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort"], "CreatedAt": "2026-03-01T00:00:00Z", "Severity": {"Label": "LOW"},
           "Title": "fine", "Resources": [{"Type": "AwsEc2Instance", "Id": "i-0123456789abcdef0"}]},
          {"SchemaVersion": "2018-10-08", "Id": "bad-1", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/guardduty", "AwsAccountId": "123456789012",
           "Types": ["TTPs/Discovery/Recon"], "CreatedAt": "2026-03-01T00:00:00Z", "Severity": {"Label": "LOW"},
           "Title": "evil", "Resources": [{"Type": "AwsEc2Instance", "Id": "i-0123; rm -rf /\\u001b]0;pwned\\u0007"}]},
          {"SchemaVersion": "2018-10-08", "Id": "bad-2", "ProductArn": "x", "AwsAccountId": "123456789012", "Types": ["a/b"], "CreatedAt": "2026-03-01T00:00:00Z",
           "Severity": {"Label": "LOW"}, "Title": "flag", "Resources": [{"Type": "Other", "Id": "--endpoint-url=http://evil"}]},
          {"Id": "gd-1", "Type": "Recon:EC2/Portscan", "Severity": 2, "CreatedAt": "2026-03-01T00:00:00Z", "Region": "us-east-1; reboot",
           "Resource": {"ResourceType": "Instance"}}
        ]}
        """
        let document = try FindingsDocument.parse(Data(hostile.utf8), source: "evil.json")
        #expect(document.problems.isEmpty)
        #expect(document.findings.map(\.id) == ["ok-1", "bad-1", "bad-2", "gd-1"])
        #expect(document.findings.map(\.resources.count) == [1, 0, 0, 0])
        let text = document.findings.dropFirst().map { $0.unusable.joined(separator: "; ") }
        #expect(text[0].hasPrefix("Resources[0].Id 'i-0123; rm -rf /"))
        #expect(text.allSatisfy { $0.firstControlCharacter == nil })
        #expect(text[1].contains("starts with '-'"))
        #expect(text[2].hasPrefix("Region 'us-east-1; reboot' is not a region name"))
        #expect(document.findings[3].region == nil)
    }

    @Test func badDocumentsAndMissingFieldsAreNamed() throws {
        #expect(throws: FindingsError.self) { try FindingsDocument.parse(Data("not json".utf8), source: "a.json") }
        do {
            _ = try FindingsDocument.parse(Data(#"{"Reservations": []}"#.utf8), source: "b.json")
            Issue.record("another shape was accepted")
        } catch {
            #expect(error.description.contains("b.json: not a findings document"))
        }
        let missing = try FindingsDocument.parse(Data(#"{"Findings": [{"Id": "x", "Service": {}, "Resource": {}}, 7]}"#.utf8), source: "c.json")
        #expect(missing.findings.isEmpty)
        #expect(missing.problems.map(\.description) == ["c.json: finding 0 (id x): Type is missing", "c.json: finding 1: is not an object"])
    }

    @Test func importingTwiceAddsNothingAndExistingResourcesAreReused() throws {
        let document = try FindingsDocument.parse(try Self.fixture("guardduty-findings.json"), source: "gd.json")
        let opened = Event(incident: IncidentID(rawValue: 1), seq: 1, at: Date(), recordedAt: Date(), actor: "t",
                           payload: .incidentOpened(IncidentOpened(title: "t", severity: Severity(rawValue: 2)!, regions: ["us-east-1"])))
        var state = try IncidentState(opening: opened)
        var seq: Int64 = 1
        func fold(_ payloads: [EventPayload]) throws {
            for payload in payloads {
                try state.validate(payload)
                seq += 1
                state.apply(Event(incident: state.incident.id, seq: seq, at: Date(), recordedAt: Date(), actor: "t", payload: payload))
            }
        }
        for finding in document.findings { try fold(FindingImport.events(for: finding, in: state)) }
        #expect(state.findings.count == 3 && state.resources.count == 7)
        #expect(state.intents.map { $0.intent } == ["UnauthorizedAccess", "CryptoCurrency", "Exfiltration"])
        for finding in document.findings { #expect(FindingImport.events(for: finding, in: state).isEmpty) }
        #expect(state.resources.first { $0.id == "i-0a1b2c3d4e5f67890" }?.state == .compromised)
    }
}
