import AWSActions
@testable import FirebreakCLI
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// The console's `F` and `firebreak import --from securityhub` are one use case
/// (`ImportFindings`): the same output cap and the same regions, through a
/// stand-in `aws` that prints more than a mebibyte of findings and logs its argv.
@Suite("The console's import and the command's are one")
struct ConsoleImportParityTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-parity-\(UUID().uuidString)")
    let fake: FakeCLI
    let log: String
    let findingCount: Int

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The fixture's first finding, again and again under other ids, until the answer passes 1 MiB.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/securityhub-findings.json")
        let first = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])?["Findings"] as? [[String: Any]]).first!
        let one = try JSONSerialization.data(withJSONObject: first).count
        findingCount = (1 << 20) / one + 100
        let findings = (0..<findingCount).map { index -> [String: Any] in
            var finding = first
            finding["Id"] = "\(first["Id"]!)-\(index)"
            return finding
        }
        let answer = folder.appendingPathComponent("get-findings.json")
        try JSONSerialization.data(withJSONObject: ["Findings": findings]).write(to: answer)
        #expect(try Data(contentsOf: answer).count > 1 << 20, "the answer must pass the runner's usual 1 MiB")
        log = folder.appendingPathComponent("argv.log").path
        fake = try FakeCLI(script: """
            printf '%s\\n' "$*" >> '\(log)'
            case "$*" in *"securityhub get-findings"*) cat '\(answer.path)' ;; *) echo '{}' ;; esac
            """)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = folder.appendingPathComponent("data").path
        environment["AWS_REGION"] = nil
        environment["AWS_DEFAULT_REGION"] = nil
        return environment
    }

    /// A database with one incident in eu-west-1, as `firebreak open --region eu-west-1` makes it.
    func database(_ name: String) throws -> (path: String, store: SQLiteIncidentStore) {
        let path = folder.appendingPathComponent(name).path
        let store = try SQLiteIncidentStore(path: path)
        _ = try store.openIncident(IncidentOpened(title: "parity", severity: Severity(rawValue: 2)!, regions: ["eu-west-1"]), actor: "alice", at: nil)
        return (path, store)
    }

    func regionsCalled() throws -> [String] {
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("securityhub get-findings") }
        try FileManager.default.removeItem(atPath: log)
        return lines.map { line in
            let words = line.split(separator: " ").map(String.init)
            return words.firstIndex(of: "--region").map { words[$0 + 1] } ?? "(none)"
        }
    }

    @Test func aLargeSecurityHubImportWorksFromTheConsoleAsFromTheCommandLine() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // The console started as `firebreak console --region us-east-1`: its settings, the runner's usual limit.
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, region: "us-east-1", environment: environment))
        let service = CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])), runner: runner)
        let console = try database("console.db")
        let said = try service.perform(.importFindings(from: "securityhub"), store: console.store, incident: IncidentID(rawValue: 1), actor: "alice")
        #expect(said.contains("\(findingCount) findings imported"), "\(said)")
        #expect(try console.store.state(of: IncidentID(rawValue: 1)).findings.count == findingCount)
        let consoleRegions = try regionsCalled()

        let command = try database("command.db")
        let result = try Drill.run(Drill.binary.path, ["import", "INC-1", "--from", "securityhub", "--region", "us-east-1", "--aws-cli", fake.path],
                                   environment: environment.merging(["FIREBREAK_DB": command.path, "FIREBREAK_OPERATOR": "alice"]) { $1 })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(findingCount) findings imported"), "\(result.stdout)")
        // One region rule: --region first, on the command line as in the console (not the incident's eu-west-1).
        #expect(consoleRegions == ["us-east-1"])
        #expect(try regionsCalled() == consoleRegions)
    }
}
