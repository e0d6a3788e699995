import ArgumentParser
import IncidentModel

/// `firebreak note INCIDENT TEXT [--at TIME]`.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to the timeline.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The note (several words are joined with spaces).") var text: [String]
    @Option(help: "When it happened (RFC 3339); default now.") var at: String?
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let note = try TextField.multiLine(text.joined(separator: " "), named: "the note")
        let actor = try globals.operatorIdentity()
        let time = try parseEventTime(at)
        let result = try globals.writableStore().append(to: id, actor: actor, at: time) { _ in [.noteAdded(NoteAdded(text: note))] }
        Output.line("\(id) #\(result.state.lastSeq) note added")
    }
}
