import ArgumentParser
import IncidentModel
import IncidentOperations

/// `firebreak note INCIDENT TEXT [--at TIME] [--status-update]`.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "note", abstract: "Add a note to the timeline.",
        discussion: "With --status-update, the note is a stakeholder status update (what those outside the response were told), "
            + "which the report collects: the console's N.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The note (several words are joined with spaces).") var text: [String]
    @Option(help: "When it happened (RFC 3339); default now. In the future or more than a year before the incident opened needs --force.") var at: String?
    @Flag(help: "Accept an --at in the future or more than a year before the incident opened.") var force = false
    @Flag(name: .customLong("status-update"), help: "Record it as a stakeholder status update, which the report collects.")
    var statusUpdate = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let text = text.joined(separator: " ")
        let note = statusUpdate ? "" : try TextField.multiLine(text, named: "the note")
        if statusUpdate { _ = try PostStatusUpdate.event(text) }   // refused before the database is opened
        let actor = try globals.operatorIdentity()
        let store = try globals.writableStore(forExisting: id)
        // A time long before the incident opened is measured from when it did.
        let opened = try at.map { _ in try store.state(of: id).incident.openedAt }
        let time = try EventTime.parse(at, force: force, opened: opened)
        if statusUpdate {
            let result = try PostStatusUpdate.record(text, at: time, store: store, incident: id, actor: actor)
            Output.line("\(id) #\(result.state.lastSeq) status update added (the report collects it)")
            return
        }
        let result = try store.append(to: id, actor: actor, at: time) { _ in [.noteAdded(NoteAdded(text: note))] }
        Output.line("\(id) #\(result.state.lastSeq) note added")
    }
}
