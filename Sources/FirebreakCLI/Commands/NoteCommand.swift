import ArgumentParser
import IncidentModel

/// `firebreak note INCIDENT TEXT [--at TIME]`.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to the timeline.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The note (several words are joined with spaces).") var text: [String]
    @Option(help: "When it happened (RFC 3339); default now. In the future or more than a year before the incident opened needs --force.") var at: String?
    @Flag(help: "Accept an --at in the future or more than a year before the incident opened.") var force = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let note = try TextField.multiLine(text.joined(separator: " "), named: "the note")
        let actor = try globals.operatorIdentity()
        let store = try globals.writableStore()
        // A time long before the incident opened is measured from when it did.
        let opened = try at.map { _ in try store.state(of: id).incident.openedAt }
        let time = try EventTime.parse(at, force: force, opened: opened)
        let result = try store.append(to: id, actor: actor, at: time) { _ in [.noteAdded(NoteAdded(text: note))] }
        Output.line("\(id) #\(result.state.lastSeq) note added")
    }
}
