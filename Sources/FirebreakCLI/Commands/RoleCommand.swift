import ArgumentParser
import IncidentModel

/// `firebreak role INCIDENT commander|scribe NAME` (or `--clear`): records who holds a role.
struct RoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "role", abstract: "Set or clear the incident's commander or scribe.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "commander or scribe") var role: String
    @Argument(help: "Who takes the role (default: you, --as).") var name: String?
    @Flag(help: "Leave the role empty.") var clear = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func validate() throws {
        if clear && name != nil { throw ValidationError("give a name or --clear, not both") }
    }

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let parsedRole = try IncidentRole(parsing: role)
        let actor = try globals.operatorIdentity()
        let holder = clear ? "" : try TextField.singleLine(name ?? actor, named: "the name", maxLength: 100)
        try globals.writableStore(forExisting: id).append(to: id, actor: actor, at: nil) { _ in
            [.roleAssigned(RoleAssigned(role: parsedRole, operatorName: holder))]
        }
        Output.line(holder.isEmpty ? "\(id) has no \(parsedRole.rawValue)" : "\(id) \(parsedRole.rawValue): \(holder)")
    }
}
