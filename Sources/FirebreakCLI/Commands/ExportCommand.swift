import ArgumentParser
import IncidentModel
import IncidentStore

/// `firebreak export INCIDENT --to PATH`: one incident as a single
/// self-contained SQLite file for review, its -wal's commits included.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write one incident to a new self-contained database file for review.",
        discussion: """
            Copying firebreak.db alone can miss the last acknowledged events, which may sit in firebreak.db-wal \
            until SQLite checkpoints them. The export holds every committed event, the bodies they refer to and \
            the incident's kept log lines; it is verified before it is written, and its head is the original's.
            """)

    @Argument(help: "The incident.") var incident: String
    @Option(name: .customLong("to"), help: ArgumentHelp("The new file (must not exist).", valueName: "path")) var target: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        guard let store = (try globals.readOnlyStore(for: id)) as? SQLiteIncidentStore else {
            throw CLIError("export needs the embedded SQLite store")
        }
        let exported = try store.export(id, to: target)
        Output.line("\(id) exported to \(target): \(exported.verifiedEvents) events, head \(exported.headHash)")
    }
}
