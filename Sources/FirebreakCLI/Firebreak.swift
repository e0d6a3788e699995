import ArgumentParser
import AWSActions
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations
import IncidentStore

/// The root command: `firebreak [command]`.
struct Firebreak: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "firebreak",
        abstract: "A terminal console for responding to security incidents in AWS.",
        discussion: "Every fact, decision and action goes into a local, hash-chained incident database.",
        version: version,
        subcommands: [
            ConsoleCommand.self, WatchCommand.self, ReplayCommand.self, OpenCommand.self, ListCommand.self, ShowCommand.self, PhaseCommand.self, ResourceCommand.self,
            CheckCommand.self, NoteCommand.self, SeverityCommand.self, RoleCommand.self, ActionCommand.self, EventsCommand.self, BodyCommand.self, VerifyCommand.self, SignCommand.self, ExportCommand.self, ImportIncidentCommand.self, ReportCommand.self, FollowUpCommand.self, DrillCommand.self,
            ImportCommand.self, ReadinessCommand.self, CloseCommand.self, ReopenCommand.self, KeyBindingsCommand.self, StressAppendCommand.self, ReplayMeasureCommand.self,
        ]
    )

    // No --create here: the parser would give it to this command before `console`'s own (`firebreak console --create`).
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        try ConsoleLauncher.run(globals: globals, incident: nil, mode: .live)
    }
}

/// The entry point: parses, runs, and turns every failure into one line on stderr.
public enum FirebreakMain {
    public static func run(_ arguments: [String]) -> Int32 {
        let arguments = GlobalOptions.hoisted(arguments)
        // What `--version` prints, without building any command (the argument parser would print the same).
        if arguments == ["--version"] {
            print(Firebreak.version)
            return 0
        }
        let (command, rest) = CommandDispatch.command(for: arguments)
        do {
            var parsed = try command.parseAsRoot(rest)
            try parsed.run()
            return 0
        } catch let error as CLIError {
            Output.error(error.description)
            return error.exitCode
        } catch let error as any Error & CustomStringConvertible where oneLineErrors.contains(where: { $0 == type(of: error) }) {
            Output.error(error.description)
            return 1
        } catch {
            let code = command.exitCode(for: error)
            if code == .success {
                // --help and --version: the full text, on stdout.
                print(command.fullMessage(for: error))
                return 0
            }
            let message = command.message(for: error)
            Output.error(message.split(separator: "\n").first.map(String.init) ?? "\(error)")
            return code.rawValue
        }
    }

    /// The typed errors of the layers below, each already one line naming the problem.
    static var oneLineErrors: [any (Error & CustomStringConvertible).Type] {
        [OperationError.self, IncidentError.self, StoreError.self, ActionCatalogLoadError.self, ReportWriteError.self]
    }
}
