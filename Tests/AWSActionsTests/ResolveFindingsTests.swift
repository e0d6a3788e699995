import AWSActions
import Console
@testable import FirebreakCLI
import FirebreakTestSupport
import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore
import Testing

/// Closing resolves the imported findings where they came from, each through
/// its own API: Security Hub ASFF (batch-update-findings), Security Hub OCSF
/// (batch-update-findings-v2) and GuardDuty's own findings (archive-findings).
/// moto implements none of the three (docs: /work/shared/notes/moto-ir-apis.md),
/// so AWS's documented responses answer through the same runner.
@Suite("Resolving the imported findings on close")
struct ResolveFindingsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// An incident with the ASFF, OCSF and GuardDuty fixtures imported, through the import's own code (no AWS call).
    static func imported(_ folder: TemporaryFolder) throws -> (SQLiteIncidentStore, IncidentID) {
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let id = try store.openIncident(IncidentOpened(title: "keys leaked", severity: Severity(rawValue: 2)!), actor: "alice", at: nil).incident.id
        let files = ["securityhub-findings.json", "findings/securityhub-ocsf.json", "guardduty-findings.json"].map { fixtures.appendingPathComponent($0).path }
        let documents = try ImportFindings.documents(files: files, source: nil, regions: [], ownerTags: OwnerTags(), runners: { [] })
        _ = try ImportFindings.record(documents, skipInvalid: false, initialState: nil, store: store, incident: id, actor: "alice")
        return (store, id)
    }

    /// The plan names each finding by what its API takes, in batches the APIs allow, and says what archiving does not do.
    /// Findings are in the incident's order: the import's, by first seen.
    @Test func thePlanTakesEachFindingToItsOwnAPI() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try Self.imported(folder)
        let state = try store.state(of: id)
        let plan = ResolveFindings.plan(for: state, updatedBy: "alice")
        #expect(plan.calls.map(\.api) == [.securityHub, .securityHubOCSF, .guardDuty])
        #expect(plan.calls.map(\.findings.count) == [3, 2, 3] && plan.left.isEmpty)
        let ocsf = plan.calls[1]
        #expect(ocsf.region == "eu-west-1" && ocsf.arguments.contains("--status-id") && ocsf.arguments[ocsf.arguments.firstIndex(of: "--status-id")! + 1] == "4")
        let identifiers = try JSONSerialization.jsonObject(with: Data(ocsf.arguments[ocsf.arguments.firstIndex(of: "--finding-identifiers")! + 1].utf8)) as! [[String: String]]
        #expect(identifiers.first == ["CloudAccountUid": "210987654321",
                                      "FindingInfoUid": "arn:aws:guardduty:eu-west-1:210987654321:detector/aa11bb22cc33dd44ee55ff6677889900/finding/e2f3a4b5c6d7e8f90a1b2c3d4e5f6071",
                                      "MetadataProductUid": "arn:aws:securityhub:eu-west-1::productv2/aws/guardduty"])
        #expect(ocsf.arguments.last == "Resolved in Firebreak incident \(id): keys leaked")
        #expect(plan.calls[2].arguments == ["guardduty", "archive-findings", "--detector-id", "12abc34d567e8fa901bc2d34e56789f0", "--finding-ids",
                                            #"["a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6","c2c6b1f4e9a8d7e6f5a4b3c2d1e0f9a8","f0e1d2c3b4a5968778695a4b3c2d1e0f"]"#])
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: "/usr/bin/false"))
        let text = plan.lines(for: id, runner: runner).joined(separator: "\n")
        #expect(text.hasPrefix("Resolve 8 findings in AWS, then close \(id):"))
        #expect(text.contains("  Mark 3 Security Hub findings RESOLVED (batch-update-findings, at most 100 a call):"))
        #expect(text.contains("  Security Hub (OCSF): 2 findings set to status Resolved (batch-update-findings-v2, at most 100 a call):"))
        #expect(text.contains("  GuardDuty: 3 findings archived (archive-findings, at most 50 a call):"))
        #expect(text.contains("it deletes nothing, and GuardDuty updates it or makes a new one if the activity goes on"))
        #expect(text.contains("    aws guardduty archive-findings --detector-id 12abc34d567e8fa901bc2d34e56789f0 --finding-ids"))

        // Batches: 120 GuardDuty findings of one detector are three calls (50, 50, 20), 250 ASFF findings three (100, 100, 50);
        // a finding whose import kept nothing to name it by is left, and said.
        var events: [EventPayload] = [.incidentOpened(IncidentOpened(title: "many", severity: Severity(rawValue: 2)!))]
        for n in 0..<120 {
            events.append(.findingImported(FindingImported(id: String(format: "%032x", n), source: "guardduty", type: "Recon:EC2/Portscan", severity: "LOW (2.0)",
                                                           title: "t", firstSeen: "2026-11-30T10:00:00Z", lastSeen: "2026-11-30T10:00:00Z", resources: [],
                                                           region: "us-east-1", detectorId: "12abc34d567e8fa901bc2d34e56789f0")))
        }
        for n in 0..<250 {
            events.append(.findingImported(FindingImported(id: "asff-\(n)", source: "securityhub", type: "t", severity: "LOW", title: "t",
                                                           firstSeen: "2026-11-30T10:00:00Z", lastSeen: "2026-11-30T10:00:00Z", resources: [],
                                                           region: "us-east-1", productArn: "arn:aws:securityhub:us-east-1::product/aws/securityhub")))
        }
        events.append(.findingImported(FindingImported(id: "from-a-file", source: "securityhub", type: "t", severity: "LOW", title: "t",
                                                       firstSeen: "2026-11-30T10:00:00Z", lastSeen: "2026-11-30T10:00:00Z", resources: [])))
        let many = try IncidentState.replaying(events.enumerated().map { index, payload in
            Event(incident: IncidentID(rawValue: 9), seq: Int64(index + 1), at: Date(timeIntervalSince1970: 1_796_000_000),
                  recordedAt: Date(timeIntervalSince1970: 1_796_000_000), actor: "alice", payload: payload)
        })
        let batched = ResolveFindings.plan(for: many, updatedBy: "alice")
        #expect(batched.calls.map(\.api) == [.securityHub, .securityHub, .securityHub, .guardDuty, .guardDuty, .guardDuty])
        #expect(batched.calls.map(\.findings.count) == [100, 100, 50, 50, 50, 20])
        #expect(many.resolvableFindings.count == 370)
        #expect(batched.left == ["from-a-file (securityhub): its import kept neither a ProductArn (ASFF) nor an OCSF metadata uid or product uid"])
    }

    /// The console's close (C, then "Resolve…", then Enter) through the service it uses: its plan is the shared use
    /// case's text, then each API answers as AWS documents it, and the outcome and the close are recorded together.
    @Test func theConsolesCloseResolvesThroughEachAPIAndRecordsIt() throws {
        let folder = try TemporaryFolder()
        let (store, id) = try Self.imported(folder)
        let cli = try RecordedResponsesCLI([
            "securityhub batch-update-findings": [RecordedResponsesCLI.fixture("securityhub-batch-update-findings.json")],
            "securityhub batch-update-findings-v2": [RecordedResponsesCLI.fixture("findings/securityhub-batch-update-findings-v2.json")],
            "guardduty archive-findings": [RecordedResponsesCLI.fixture("findings/guardduty-archive-findings.json")],
        ])
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: cli.path, region: "us-east-1", timeout: 60))
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        let service = CatalogActionService(catalog: catalog, runner: runner)
        let closing = ClosingRequest(resolution: "keys rotated", force: true)
        let state = try store.state(of: id)

        let preview = try service.previewResolvingFindings(closing, in: state, actor: "alice")
        let expectedLines = ResolveFindings.plan(for: state, updatedBy: "alice").lines(for: id, runner: try service.runner(for: state.incident))
        #expect(preview.lines == expectedLines)
        #expect(preview.closing == closing && preview.confirmationText == nil && preview.stepCount == 3)
        #expect(cli.calls("securityhub batch-update-findings").isEmpty)

        let said = try service.perform(.resolveFindingsAndClose(closing), store: store, incident: id, actor: "alice")
        #expect(said == "Security Hub: 2 findings marked RESOLVED (batch-update-findings); 1 not updated (arn:aws:securityhub:eu-west-1:210987654321:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d: FindingNotFound: Finding Not Found)"
            + "; Security Hub (OCSF): 1 finding set to status Resolved (batch-update-findings-v2); 1 not updated (arn:aws:guardduty:eu-west-1:210987654321:detector/aa11bb22cc33dd44ee55ff6677889900/finding/e2f3a4b5c6d7e8f90a1b2c3d4e5f6071: ResourceNotFoundException: Finding not found)"
            + "; GuardDuty: 3 findings archived (archive-findings); \(id) closed")
        let v2 = try #require(cli.calls("securityhub batch-update-findings-v2").first)
        #expect(v2[v2.firstIndex(of: "--region")! + 1] == "eu-west-1" && v2.contains("--finding-identifiers") && !v2.contains("--metadata-uids"))
        let archive = try #require(cli.calls("guardduty archive-findings").first)
        #expect(archive[archive.firstIndex(of: "--region")! + 1] == "us-east-1")
        let closed = try store.state(of: id)
        #expect(closed.incident.status == .closed)
        #expect(Note.all(in: try store.events(of: id, since: 0).map(\.event)).last?.text == String(said.dropLast("; \(id) closed".count)))
        #expect(try store.verify(id).allSatisfy(\.isIntact))
    }
}
