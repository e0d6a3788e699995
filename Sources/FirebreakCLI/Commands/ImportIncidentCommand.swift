import ArgumentParser
import IncidentModel
import IncidentStore
import PostgresStore

/// `firebreak import-incident INCIDENT --from PATH|URL`: the other direction, into `--db`.
struct ImportIncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-incident", abstract: "Copy one incident from another database (a file or a postgresql:// URL) into this one.")

    @Argument(help: "The incident.") var incident: String
    @Option(name: .customLong("from"), help: ArgumentHelp("The database holding it.", valueName: "path|url")) var source: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let origin = try IncidentStoreLocation(source)
        guard let from = try origin.openReadOnly() else { throw StoreError.noDatabase(path: origin.description) }
        let copied = try IncidentCopy.copy(id, from: from, into: try globals.writableStore(signing: false), named: globals.databasePath)
        Output.line("\(id) imported from \(origin): \(copied.verifiedEvents) events, head \(copied.headHash)")
    }
}
