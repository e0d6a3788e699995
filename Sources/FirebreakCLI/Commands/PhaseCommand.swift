import ArgumentParser
import IncidentModel

/// `firebreak phase INCIDENT PHASE [--at TIME]`.
struct PhaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "phase", abstract: "Enter a phase (name or 1-7).")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "readiness detection containment troubleshooting remediation recovery follow-up, or 1-7.") var phase: String
    @Option(help: "When it was entered (RFC 3339); default now.") var at: String?
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let target = try Phase(parsing: phase)
        let actor = try globals.operatorIdentity()
        let time = try parseEventTime(at)
        try globals.writableStore().append(to: id, actor: actor, at: time) { _ in [.phaseEntered(PhaseEntered(phase: target))] }
        Output.line("\(id) entered \(target.title)")
    }
}
