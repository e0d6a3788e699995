import ArgumentParser
import IncidentModel
import IncidentStore
import PostgresStore

/// `firebreak export INCIDENT --to PATH|URL`: one incident, chain and bodies and
/// kept log lines, as a single self-contained SQLite file for review, or into
/// another store (a PostgreSQL server) that does not have it yet.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "export", abstract: "Write one incident to a new self-contained database file for review, or to another store.",
        discussion: """
            Copying firebreak.db alone can miss the last acknowledged events, which may sit in firebreak.db-wal \
            until SQLite checkpoints them. The export holds every committed event, the bodies they refer to and \
            the incident's kept log lines; it is verified before it is written, and its head is the original's. \
            --to postgresql://USER@HOST:PORT/DB copies the incident to a server under its own number.
            """)

    @Argument(help: "The incident.") var incident: String
    @Option(name: .customLong("to"), help: ArgumentHelp("The new file (must not exist), or a postgresql:// URL.", valueName: "path|url"))
    var target: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let destination = try IncidentStoreLocation(target)
        let exported = try IncidentCopy.copy(id, from: try globals.readOnlyStore(for: id), to: destination)
        Output.line("\(id) exported to \(destination): \(exported.verifiedEvents) events, head \(exported.headHash)")
    }
}
