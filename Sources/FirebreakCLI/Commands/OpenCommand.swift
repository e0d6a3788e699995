import ArgumentParser
import IncidentModel

/// `firebreak open --title T [--severity 1-4] …`: opens an incident and prints its id.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "open", abstract: "Open an incident; prints its id (INC-n).")

    @Option(help: "What happened, in one line.") var title: String
    @Option(help: "1 (critical) to 4 (low).") var severity: Int = 3
    @Option(help: "A longer description.") var summary: String = ""
    @Option(name: .customLong("account"), help: "An AWS account the incident spans (repeatable).") var accounts: [String] = []
    @Option(name: .customLong("region"), help: "An AWS region the incident spans (repeatable).") var regions: [String] = []
    @Option(help: "The phase to start in.") var phase: String = Phase.readiness.rawValue
    @Option(help: "When it was opened (RFC 3339); default now. In the future needs --force.") var at: String?
    @Flag(help: "A practice incident.") var drill = false
    @Flag(help: "Accept an --at in the future.") var force = false
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        let opened = IncidentOpened(
            title: try TextField.singleLine(title, named: "the title"),
            severity: try Severity(validating: severity),
            summary: try TextField.multiLine(summary, named: "the summary", allowEmpty: true),
            accounts: try unique(accounts.map(AWSAccount.validate)),
            regions: try unique(regions.map(AWSRegion.validate)),
            phase: try Phase(parsing: phase),
            isDrill: drill)
        let actor = try globals.operatorIdentity()
        let time = try EventTime.parse(at, force: force, opened: nil)
        let state = try globals.writableStore().openIncident(opened, actor: actor, at: time)
        Output.line(state.incident.id.description)
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
