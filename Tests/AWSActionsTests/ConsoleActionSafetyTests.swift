import AWSActions
@testable import FirebreakCLI
import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore
import Testing

/// The console's action service (the path its keys take, not `firebreak
/// action`): a value the CLI would expand is refused before anything is
/// recorded or run, and a run left behind by a killed process blocks nothing.
@Suite("The console's action service and hostile or interrupted runs", .motoServer, .serialized)
struct ConsoleActionSafetyTests {
    let incident = IncidentID(rawValue: 1)

    @Test func aValueTheCLIWouldExpandIsRefusedBeforeAnythingIsRecordedOrRun() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let log = drill.folder.appendingPathComponent("argv.log").path
        let fake = try FakeCLI(script: "printf '%s\\n' \"$*\" >> '\(log)'; echo '{}'")
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, region: "us-east-1", environment: drill.server.environment))
        let service = CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])), runner: runner)
        let object = "spill-bucket/file://~/.aws/credentials"
        try drill.firebreakOK("resource", "add", "INC-1", object, "--kind", "s3-object")
        try drill.firebreakOK("resource", "add", "INC-1", "spill-bucket", "--kind", "s3-bucket")
        let store = try SQLiteIncidentStore(path: drill.database)
        let before = try store.state(of: incident)

        let attempts: [(resource: String, parameters: [String: String])] = [(object, [:]), ("spill-bucket", ["prefix": "fileb:///etc/shadow"])]
        for attempt in attempts {
            do {
                _ = try service.preview(action: "s3.delete-spilled", resources: [attempt.resource], parameters: attempt.parameters, in: before)
                Issue.record("the console previewed \(attempt)")
            } catch {
                #expect("\(error)".contains("which the AWS CLI would replace with a local file's contents"), "\(error)")
            }
            #expect(throws: (any Error).self) {
                try service.run(action: "s3.delete-spilled", resources: [attempt.resource], parameters: attempt.parameters,
                                store: store, incident: incident, actor: "alice")
            }
        }
        #expect(try store.state(of: incident).lastSeq == before.lastSeq, "a refusal was recorded")
        #expect(!FileManager.default.fileExists(atPath: log), "the CLI was started")
    }

    @Test func runAfterRunWorksAfterAnInterruptedOne() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", timeout: 60, environment: drill.server.environment))
        let service = CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])), runner: runner)
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let store = try SQLiteIncidentStore(path: drill.database)

        // What a killed firebreak leaves: a start by a process that is gone, and the step it recorded.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let here = RunLiveness.current()
        try store.append(to: incident, actor: "alice", at: nil) { _ in
            [.actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.protect", risk: .reversible, resources: [instance],
                                                process: RunProcess(host: here.host, pid: gone.processIdentifier, bootID: here.bootID))),
             .actionStepFinished(ActionStepFinished(runID: "run-1", step: ActionStepRecord(
                 resource: instance, step: "record-protection", stage: "record", argv: ["ec2", "describe-instance-attribute"],
                 outcome: .succeeded, exitCode: 0, durationMs: 1, stdout: "false", captures: ["previous-protection": "false"])))]
        }

        for _ in 0..<3 {
            let said = try service.run(action: "ec2.protect", resources: [instance], parameters: [:], store: store, incident: incident, actor: "alice")
            #expect(said.hasSuffix("succeeded"), "\(said)")
        }
        let state = try store.state(of: incident)
        let interrupted = try state.actionRun(matching: "run-1")
        #expect(interrupted.status == .interrupted)
        // What it recorded is kept for its undo.
        #expect(interrupted.captures(for: instance) == ["previous-protection": "false"])
        #expect(state.actionRuns.map(\.status) == [.interrupted, .succeeded, .succeeded, .succeeded])
    }
}
