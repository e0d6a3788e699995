import ArgumentParser
import IncidentModel
import IncidentOperations

/// `firebreak followup INCIDENT TEXT… [--kind action|went-well|went-badly|policy] [--owner O] [--due YYYY-MM-DD]`:
/// records a lesson learned, a policy change decided, or an action item with its owner and due date.
struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "followup",
        abstract: "Record a follow-up item (owner and due date), a lesson learned or a policy change; prints its id (FU-n).",
        discussion: "Action items need an --owner: an item nobody owns is not done. Every entry goes into the report's Follow-up section.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "What to do, or what was learned (several words are joined with spaces).") var text: [String]
    @Option(help: "action (default), went-well, went-badly or policy.") var kind: String = FollowUpCategory.action.rawValue
    @Option(help: "Who will do it.") var owner: String?
    @Option(help: ArgumentHelp("When it is due.", valueName: "YYYY-MM-DD")) var due: String?
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let category = try FollowUpCategory(parsing: kind)
        let body = try TextField.multiLine(text.joined(separator: " "), named: "the follow-up text", maxLength: 2_000)
        let ownerName = try owner.map { try TextField.singleLine($0, named: "the owner", maxLength: 200) }
        let dueDate = try due.map { try FollowUpRecorded.validateDue($0, option: "--due") }
        if category == .action && ownerName == nil {
            throw CLIError("an action item needs an owner: add --owner NAME")
        }
        let actor = try globals.operatorIdentity()
        let recordedID = try RecordFollowUp.record(body, category: category, owner: ownerName, due: dueDate, store: try globals.writableStore(forExisting: id),
                                                   incident: id, actor: actor)
        Output.line("\(id) \(recordedID)")
    }
}
