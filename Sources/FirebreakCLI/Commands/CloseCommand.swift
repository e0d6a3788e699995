import ArgumentParser
import IncidentModel
import IncidentOperations
import IncidentStore

/// `firebreak close INCIDENT --resolution TEXT [--force] [--resolve-findings [--plan]]`: refused, naming them, while resources are
/// still compromised, unless forced; through `CloseIncident`, as the console closes.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "close", abstract: "Close an incident.",
                                                    discussion: "Refused while a resource is still compromised (they are named); --force closes anyway.")

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How it ended.") var resolution: String
    @Flag(name: .customLong("resolve-findings"), help: ArgumentHelp(
        "Resolve the findings the incident imported where they came from: Security Hub ASFF findings marked RESOLVED (batch-update-findings), OCSF ones set to Resolved (batch-update-findings-v2), GuardDuty's own archived (archive-findings); the exact commands are shown first."))
    var resolveFindings = false
    @Flag(name: .customLong("plan"), help: "With --resolve-findings: show the exact commands and change nothing.")
    var planOnly = false
    @Flag(help: "Close even though resources are still compromised.") var force = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let text = try TextField.multiLine(resolution, named: "the resolution")
        let actor = try globals.operatorIdentity()
        if planOnly, !resolveFindings { throw CLIError("--plan shows the commands of --resolve-findings: give both") }
        let store = try globals.writableStore(forExisting: id)
        // Before AWS is told anything: a close that would be refused changes nothing anywhere.
        if !planOnly { try CloseIncident.refuseWhileCompromised(try store.state(of: id), force: force) }
        var summary: String?
        if resolveFindings {
            guard let resolved = try resolveImportedFindings(of: id, store: store, actor: actor) else { return }
            summary = resolved
        }
        try CloseIncident.record(id, resolution: text, findingsSummary: summary, force: force, store: store, actor: actor)
        Output.line("\(id) closed")
    }

    /// Shows the exact calls (`ResolveFindings.Plan.lines`, what the console shows too), then (unless `--plan`) runs them
    /// and returns the line to record; nil after a plan. A call that fails leaves the incident open.
    private func resolveImportedFindings(of id: IncidentID, store: any IncidentEventStore, actor: String) throws -> String? {
        let state = try store.state(of: id)
        guard state.incident.status == .open else { throw CLIError("\(id) is already closed") }
        let plan = ResolveFindings.plan(for: state, updatedBy: actor)
        let runner = try globals.awsRunner(for: state.incident, region: aws.region)
        for line in plan.lines(for: id, runner: runner) { Output.line(line) }
        if planOnly { return nil }
        guard !plan.calls.isEmpty else { return "no imported finding to resolve in AWS" }
        let summary = try CloseIncident.resolveFindings(plan, of: id, runner: runner)
        Output.line(summary)
        return summary
    }
}

/// `firebreak reopen INCIDENT`.
struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "reopen", abstract: "Reopen a closed incident.")

    @Argument(help: "The incident.") var incident: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let actor = try globals.operatorIdentity()
        try globals.writableStore(forExisting: id).append(to: id, actor: actor, at: nil) { _ in [.incidentReopened(IncidentReopened())] }
        Output.line("\(id) reopened")
    }
}
