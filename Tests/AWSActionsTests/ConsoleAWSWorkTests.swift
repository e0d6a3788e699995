import AWSActions
import Console
@testable import FirebreakCLI
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// What the console's keys start (D, r, F, and r on an action-backed item),
/// through the same service the console uses, against moto and a real
/// database: each recorded as its command records it.
@Suite("The console's AWS work against moto", .motoServer, .serialized)
struct ConsoleAWSWorkTests {
    func service(_ drill: Drill) throws -> (CatalogActionService, SQLiteIncidentStore) {
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", timeout: 60, environment: drill.server.environment))
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        return (CatalogActionService(catalog: catalog, runner: runner), try SQLiteIncidentStore(path: drill.database))
    }

    @Test func discoverReadinessAndImportFromTheConsole() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (service, store) = try service(drill)
        let incident = IncidentID(rawValue: 1)
        let (instance, group) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        // D: the related resources join as suspected, each found from the instance.
        let discovered = try service.perform(.discover(resource: instance), store: store, incident: incident, actor: "alice")
        #expect(discovered.contains("related resources added from \(instance)"), "\(discovered)")
        let state = try store.state(of: incident)
        let securityGroup = try #require(state.resources.first { $0.id == group })
        #expect(securityGroup.state == .suspected && securityGroup.foundVia?.from == instance)

        // r on a Readiness item: the audit over the given region, recorded.
        let audited = try service.perform(.auditReadiness, store: store, incident: incident, actor: "alice")
        #expect(audited.hasPrefix("readiness: "), "\(audited)")
        #expect(try store.state(of: incident).readiness.contains { $0.check == "ebs.default-encryption" && $0.status == .fail })

        // F with a file: its findings imported, their resources added.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/guardduty-findings.json").path
        let imported = try service.perform(.importFindings(from: fixture), store: store, incident: incident, actor: "alice")
        #expect(imported.contains("3 findings imported"), "\(imported)")
        #expect(try store.state(of: incident).findings.count == 3)
        #expect(throws: (any Error).self) {
            try service.perform(.importFindings(from: "/nonexistent/findings.json"), store: store, incident: incident, actor: "alice")
        }
        #expect(try store.verify(incident).allSatisfy(\.isIntact))
    }

    @Test func anActionBackedItemIsOfferedForTheResourcesThatNeedIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (service, store) = try service(drill)
        let incident = IncidentID(rawValue: 1)
        #expect(throws: (any Error).self) { try service.resources(for: "ec2.isolate", in: try store.state(of: incident)) }
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", "i-0fedcba9876543210", "--state", "contained")
        try drill.firebreakOK("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--state", "compromised")
        // Every instance, the contained one after the one still compromised (troubleshooting acts on contained ones too).
        #expect(try service.resources(for: "ec2.isolate", in: try store.state(of: incident)) == ["i-0123456789abcdef0", "i-0fedcba9876543210"])
        #expect(try service.resources(for: "iam.deactivate-key", in: try store.state(of: incident)) == ["AKIAIOSFODNN7EXAMPLE"])
    }

    /// The console's plan is `firebreak action plan`'s text: the same calls,
    /// each with every flag the runner adds (`--output json --region …`).
    @Test func theConsolesPlanIsActionPlansOwnText() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (service, store) = try service(drill)
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised", "--region", "us-east-1")
        let printed = try drill.firebreakOK("action", "plan", "INC-1", "ec2.isolate", instance, "--region", "us-east-1")
            .split(separator: "\n").map(String.init)
        let shown = try service.preview(action: "ec2.isolate", resources: [instance], parameters: [:], in: try store.state(of: IncidentID(rawValue: 1))).lines
        let commands = { (lines: [String]) in lines.filter { $0.hasPrefix("    aws ") || $0.hasPrefix("    (") } }
        #expect(!commands(printed).isEmpty)
        #expect(commands(shown) == commands(printed), "console: \(shown)\ncommand line: \(printed)")
        #expect(commands(shown).filter { $0.hasPrefix("    aws ") }.allSatisfy { $0.contains("--output json") && $0.contains("--region us-east-1") }, "\(shown)")
        // Everything else but the words on how to confirm and undo is the same too.
        #expect(shown.filter { !$0.hasPrefix("  undo:") } == printed.filter { !$0.hasPrefix("  undo:") })
    }
}
