import ArgumentParser
import IncidentModel

/// `firebreak phase INCIDENT PHASE [--at TIME]`.
struct PhaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "phase", abstract: "Enter a phase (name or 1-7).")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "readiness detection containment troubleshooting remediation recovery follow-up, or 1-7.") var phase: String
    @Option(help: "When it was entered (RFC 3339); default now. In the future or more than a year before the incident opened needs --force.") var at: String?
    @Flag(help: "Accept an --at in the future or more than a year before the incident opened.") var force = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let target = try Phase(parsing: phase)
        let actor = try globals.operatorIdentity()
        let store = try globals.writableStore(forExisting: id)
        // A time long before the incident opened is measured from when it did.
        let opened = try at.map { _ in try store.state(of: id).incident.openedAt }
        let time = try EventTime.parse(at, force: force, opened: opened)
        try store.append(to: id, actor: actor, at: time) { _ in [.phaseEntered(PhaseEntered(phase: target))] }
        Output.line("\(id) entered \(target.title)")
    }
}
