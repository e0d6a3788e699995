import ArgumentParser
import Console

/// `firebreak console [INCIDENT]`: the full-screen console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "console", abstract: "The full-screen console on an incident (default: the only open one, else a picker).")

    @Argument(help: "The incident (INC-n or n).") var incident: String?
    @Option(name: .customLong("tail"), help: ArgumentHelp("Follow a local file in the log pane (repeatable).", valueName: "file"))
    var tails: [String] = []
    @Option(name: .customLong("tail-from-start"), help: ArgumentHelp("Follow a local file from its first line (repeatable).", valueName: "file"))
    var tailsFromStart: [String] = []
    @OptionGroup var logs: ConsoleLogOptions
    @Flag(help: "Create the database if --db (or $FIREBREAK_DB, or the config file's db) names one that does not exist; without it such a path is refused.")
    var create = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        try ConsoleLauncher.run(globals: globals, incident: incident, mode: .live, tails: tails, tailsFromStart: tailsFromStart,
                                logs: logs, region: aws.region, create: create)
    }
}

/// `firebreak watch [INCIDENT]`: the console read-only, following live changes.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "watch", abstract: "The console read-only (the database is opened read-only), following live changes.")

    @Argument(help: "The incident (INC-n or n).") var incident: String?
    @Option(name: .customLong("tail"), help: ArgumentHelp("Follow a local file in the log pane (repeatable).", valueName: "file"))
    var tails: [String] = []
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        try ConsoleLauncher.run(globals: globals, incident: incident, mode: .readOnly, tails: tails)
    }
}

/// `firebreak replay INCIDENT`: the console over the recorded events, read-only.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "replay", abstract: "Replay an incident exactly as it unfolded (read-only; works on a copy of the database file).")

    @Argument(help: "The incident (INC-n or n).") var incident: String
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        try ConsoleLauncher.run(globals: globals, incident: incident, mode: .replay)
    }
}

/// `firebreak keybindings`: docs/KEYBINDINGS.md, from the console's binding table.
struct KeyBindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keybindings", abstract: "Print every key binding of the console as Markdown.")

    func run() throws {
        print(ConsoleBindings.markdown, terminator: "")
    }
}
