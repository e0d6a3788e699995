import ArgumentParser

/// Picks the command to parse before the argument parser sees the arguments.
///
/// Parsing through `Firebreak`'s tree builds the root's arguments by
/// reflection and looks for a completion-script request with two more parsers
/// before it reaches the command named; most of a short command's start-up
/// (docs/BENCHMARKS.md). A command named first whose parse the tree would not
/// change is parsed on its own: one that reads the global options itself, with
/// no subcommands, when nothing asks for help, a version or a completion
/// script (those answers name the whole tree, so they go through it).
enum CommandDispatch {
    /// Commands parsed on their own when named first: each declares
    /// `@OptionGroup var globals: GlobalOptions` (the tree's root would
    /// otherwise take the global options) and has no subcommands.
    /// `CommandDispatchTests` holds each to parsing as through the tree.
    /// Each is configured with `CommandConfiguration.direct`.
    static let direct: [any ParsableCommand.Type] = [
        NoteCommand.self, CheckCommand.self, PhaseCommand.self, RoleCommand.self, OpenCommand.self, ShowCommand.self,
        ListCommand.self, EventsCommand.self, BodyCommand.self, VerifyCommand.self, CloseCommand.self, ReopenCommand.self,
        ExportCommand.self, ReportCommand.self, SignCommand.self, FollowUpCommand.self,
        ConsoleCommand.self, WatchCommand.self, ReplayCommand.self,
    ]

    /// The command to parse and the arguments it parses.
    static func command(for arguments: [String]) -> (any ParsableCommand.Type, [String]) {
        guard let name = arguments.first, !asksTheTree(arguments),
              let command = direct.first(where: { $0._commandName == name }) else {
            return (Firebreak.self, arguments)
        }
        return (command, Array(arguments.dropFirst()))
    }

    /// True when an argument asks for help, the version, a completion script
    /// or the help dump: anything the tree answers about itself.
    static func asksTheTree(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if ["--help", "--help-hidden", "--version", "--experimental-dump-help"].contains(argument)
                || argument.hasPrefix("--generate-completion-script") || argument.hasPrefix("--help") {
                return true
            }
            // `-h`, alone or among other short flags (`-fh`).
            if argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.contains("h") { return true }
        }
        return false
    }
}

extension CommandConfiguration {
    /// The configuration of a command `CommandDispatch` may parse on its own.
    ///
    /// Named as a part of `firebreak` (its usage and help say `firebreak note`
    /// whichever way it was parsed), which also tells the argument parser that
    /// it is not a tool of its own: parsed as a root, it then skips looking for
    /// a completion-script request, two more parsers built by reflection on
    /// every start (a tenth of `firebreak note`'s CPU time, docs/BENCHMARKS.md).
    /// Completion scripts are still the tree's (`asksTheTree`).
    static func direct(commandName: String, abstract: String, discussion: String = "") -> CommandConfiguration {
        CommandConfiguration(commandName: commandName, _superCommandName: "firebreak", abstract: abstract, discussion: discussion)
    }
}
