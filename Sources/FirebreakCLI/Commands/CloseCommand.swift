import ArgumentParser
import IncidentModel
import IncidentOperations
import IncidentStore

/// `firebreak close INCIDENT --resolution TEXT [--force]`: refused, naming them, while resources are still compromised, unless forced.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an incident.",
                                                    discussion: "Refused while a resource is still compromised (they are named); --force closes anyway.")

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How it ended.") var resolution: String
    @Flag(name: .customLong("resolve-findings"), help: ArgumentHelp(
        "Mark the Security Hub findings the incident imported RESOLVED in Security Hub (batch-update-findings, with a note naming the incident); the exact commands are shown first."))
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
        let store = try globals.writableStore()
        // Before Security Hub is told anything: a close that would be refused changes nothing anywhere.
        if !planOnly { try Self.refuseWhileCompromised(try store.state(of: id), force: force) }
        var payloads: [EventPayload] = []
        if resolveFindings {
            guard let summary = try resolveSecurityHubFindings(of: id, store: store, actor: actor) else { return }
            payloads.append(.noteAdded(NoteAdded(text: summary)))
        }
        payloads.append(.incidentClosed(IncidentClosed(resolution: text)))
        let recorded = payloads
        try store.append(to: id, actor: actor, at: nil) { current in
            // Checked again in the append's transaction: a resource marked compromised meanwhile is not missed.
            try Self.refuseWhileCompromised(current, force: force)
            return recorded
        }
        Output.line("\(id) closed")
    }

    /// Refused, naming them, while resources are still compromised, unless `force`.
    static func refuseWhileCompromised(_ current: IncidentState, force: Bool) throws {
        let compromised = current.stillCompromised.map(\.id)
        guard !force, current.incident.status != .closed, !compromised.isEmpty else { return }
        let id = current.incident.id
        throw CLIError("\(id) still has \(compromised.count == 1 ? "a compromised resource" : "\(compromised.count) compromised resources"): "
            + "\(compromised.map(\.terminalSafe).joined(separator: ", ")); contain \(compromised.count == 1 ? "it" : "them") first, or close with --force")
    }

    /// Shows the exact `batch-update-findings` calls, then (unless `--plan`) runs them and returns the line to record;
    /// nil after a plan. A call that fails leaves the incident open.
    private func resolveSecurityHubFindings(of id: IncidentID, store: any IncidentEventStore, actor: String) throws -> String? {
        let state = try store.state(of: id)
        guard state.incident.status == .open else { throw CLIError("\(id) is already closed") }
        let calls = ResolveSecurityHubFindings.calls(for: state, updatedBy: actor)
        guard !calls.isEmpty else {
            Output.line("no Security Hub finding to resolve (none imported from Security Hub with its ProductArn)")
            return planOnly ? nil : "Security Hub: no finding to mark resolved"
        }
        let runner = try globals.awsRunner(for: state.incident, region: aws.region)
        let count = calls.reduce(0) { $0 + $1.findings.count }
        Output.line("Mark \(count) Security Hub finding\(count == 1 ? "" : "s") RESOLVED, then close \(id):")
        for call in calls { Output.line("  " + CommandLineText.aws(runner.fullArguments(call.arguments, region: call.region))) }
        if planOnly { return nil }
        let outcome = ResolveSecurityHubFindings.run(calls, runner: runner)
        Output.line(outcome.summary)
        guard outcome.failures.isEmpty else {
            throw CLIError("batch-update-findings failed (\(outcome.failures.joined(separator: "; "))): \(id) stays open; close again, with or without --resolve-findings")
        }
        return outcome.summary
    }
}

/// `firebreak reopen INCIDENT`.
struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed incident.")

    @Argument(help: "The incident.") var incident: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let actor = try globals.operatorIdentity()
        try globals.writableStore().append(to: id, actor: actor, at: nil) { _ in [.incidentReopened(IncidentReopened())] }
        Output.line("\(id) reopened")
    }
}
