import ArgumentParser
import IncidentModel
import IncidentOperations

/// `firebreak severity INCIDENT 1-4 [--reason TEXT]`: the incident rated anew (`severity.changed`, the console's `S`).
struct SeverityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "severity", abstract: "Change the incident's severity (recorded as severity.changed, with why).")

    @Argument(help: "The incident (INC-n or n).") var incident: String
    @Argument(help: "The new severity: 1 (critical) to 4 (low), or SEV1 to SEV4.") var severity: String
    @Option(help: "Why it changed (one line).") var reason: String?
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let spelled = severity.trimmingCharacters(in: .whitespaces).lowercased()
        guard let number = Int(spelled.hasPrefix("sev") ? String(spelled.dropFirst(3)) : spelled) else {
            throw IncidentError.invalidInput("severity '\(severity.terminalSafe)' is not 1 to 4 (or SEV1 to SEV4)")
        }
        let to = try Severity(validating: number)
        // The reason is checked before the database is opened: bad input changes nothing.
        _ = try ChangeSeverity.event(from: to, to: to, reason: reason)
        let actor = try globals.operatorIdentity()
        let change = try ChangeSeverity.record(to: to, reason: reason, store: try globals.writableStore(forExisting: id),
                                               incident: id, actor: actor)
        Output.line("\(id) severity \(change.from) → \(change.to) (\(change.to.label))")
    }
}
