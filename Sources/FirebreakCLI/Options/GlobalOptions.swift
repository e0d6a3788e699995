import ArgumentParser
import Foundation
import IncidentModel

/// The options every command takes (../shared/CLI.md, "Global options").
///
/// They may also stand before the command name; `GlobalOptions.hoisted`
/// moves them after it before parsing.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The incident database: a file, or postgresql://USER@HOST:PORT/DB?sslmode=MODE (the password from PGPASSWORD or ~/.pgpass).", valueName: "path|url"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The operator recorded on every event.", valueName: "name"))
    var operatorName: String?

    @Option(name: .customLong("aws-cli"), help: ArgumentHelp("The AWS CLI binary.", valueName: "path"))
    var awsCLI: String?

    @Option(name: .long, help: ArgumentHelp("The console's theme (a file in themes/).", valueName: "name"))
    var theme: String?

    @Flag(name: .customLong("no-mouse"), help: "Do not use the mouse in the console.")
    var noMouse = false

    @Option(name: .long, help: ArgumentHelp("AWS profile passed to every aws call.", valueName: "profile"))
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("AWS endpoint passed to every aws call.", valueName: "url"))
    var endpointURL: String?

    /// Options with a value, as they are spelled before a command name.
    static let valueOptions: Set<String> = ["--db", "--as", "--aws-cli", "--theme", "--profile", "--endpoint-url", "--region"]
    static let flagOptions: Set<String> = ["--no-mouse"]

    /// Moves global options written before the command name to just after
    /// the command's words, where the parser reads them:
    /// `--db X open --title T` becomes `open --title T --db X`.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flagOptions.contains(argument) || (valueOptions.contains(name) && argument.contains("=")) {
                leading.append(argument)
                index += 1
            } else if valueOptions.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        let insertAt = rest.firstIndex(of: "--") ?? rest.count
        rest.insert(contentsOf: leading, at: insertAt)
        return rest
    }

    /// `--db`, else `$FIREBREAK_DB`, else `db = …` in the config file, else
    /// `$XDG_DATA_HOME/firebreak/firebreak.db`, else `~/.local/share/firebreak/firebreak.db`.
    /// A file's path or a `postgresql://` URL (`storeLocation`).
    var databasePath: String { database.path }

    /// Where the database's path came from: the responder named it, or it is the default.
    enum DatabaseSource: String {
        case option = "--db", environment = "$FIREBREAK_DB", config = "the config file's db =", defaultPath = "the default"
    }

    /// `databasePath` and where it came from (a path someone named is never created by the console unasked).
    var database: (path: String, source: DatabaseSource) {
        let environment = ProcessInfo.processInfo.environment
        if let db, !db.isEmpty { return (db, .option) }
        if let path = environment["FIREBREAK_DB"], !path.isEmpty { return (path, .environment) }
        if let path = FirebreakConfig.load().db { return (path, .config) }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return (dataHome + "/firebreak/firebreak.db", .defaultPath)
    }

    /// `--as`, else `$FIREBREAK_OPERATOR`, else `$USER`, else the account the process runs as (the system's user database).
    func operatorIdentity() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let fromEnvironment = [environment["FIREBREAK_OPERATOR"], environment["USER"]].compactMap { $0 }.first { !$0.isEmpty }
        let name = operatorName ?? fromEnvironment ?? SystemAccount.name() ?? "unknown"
        return try TextField.singleLine(name, named: "the operator name (--as)", maxLength: 100)
    }
}

/// `--region` for commands that have no region of their own: passed to every aws call.
struct AWSRegionOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("AWS region passed to every aws call.", valueName: "region"))
    var region: String?
}
