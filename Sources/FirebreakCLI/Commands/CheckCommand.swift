import ArgumentParser
import IncidentModel

/// `firebreak check INCIDENT ITEM [--skip] [--undo] [--reason TEXT]`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "check", abstract: "Tick, skip or un-tick a checklist item.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The item's id (containment.route53) or its last part (route53).") var item: String
    @Flag(help: "Skip it instead of ticking it.") var skip = false
    @Flag(help: "Return it to open.") var undo = false
    @Option(help: "Why (for --skip).") var reason: String?
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func validate() throws {
        if skip && undo { throw ValidationError("--skip and --undo cannot be used together") }
    }

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let target: ChecklistItemState = undo ? .open : (skip ? .skipped : .done)
        let why = try reason.map { try TextField.singleLine($0, named: "the reason") }
        let actor = try globals.operatorIdentity()
        var itemID = ""
        try globals.writableStore(forExisting: id).append(to: id, actor: actor, at: nil) { current in
            itemID = try current.checklistItem(matching: item).id
            return [.checklistItemChanged(ChecklistItemChanged(item: itemID, state: target, reason: why))]
        }
        Output.line("\(itemID): \(target.rawValue)")
    }
}
