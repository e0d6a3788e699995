import ArgumentParser
import IncidentModel

/// `firebreak close INCIDENT --resolution TEXT [--force]`: refused, naming them, while resources are still compromised, unless forced.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an incident.",
                                                    discussion: "Refused while a resource is still compromised (they are named); --force closes anyway.")

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How it ended.") var resolution: String
    @Flag(help: "Close even though resources are still compromised.") var force = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let text = try TextField.multiLine(resolution, named: "the resolution")
        let actor = try globals.operatorIdentity()
        try globals.writableStore().append(to: id, actor: actor, at: nil) { current in
            // Checked in the append's transaction: a resource marked compromised meanwhile is not missed.
            let compromised = current.stillCompromised.map(\.id)
            if !force, current.incident.status != .closed, !compromised.isEmpty {
                throw CLIError("\(id) still has \(compromised.count == 1 ? "a compromised resource" : "\(compromised.count) compromised resources"): "
                    + "\(compromised.map(\.terminalSafe).joined(separator: ", ")); contain \(compromised.count == 1 ? "it" : "them") first, or close with --force")
            }
            return [.incidentClosed(IncidentClosed(resolution: text))]
        }
        Output.line("\(id) closed")
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
