import ArgumentParser
import IncidentModel

/// `firebreak close INCIDENT --resolution TEXT`.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an incident.")

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How it ended.") var resolution: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let text = try TextField.multiLine(resolution, named: "the resolution")
        let actor = try globals.operatorIdentity()
        try globals.writableStore().append(to: id, actor: actor, at: nil) { _ in [.incidentClosed(IncidentClosed(resolution: text))] }
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
