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
            CheckCommand.self, NoteCommand.self, RoleCommand.self, ActionCommand.self, EventsCommand.self, BodyCommand.self, VerifyCommand.self, SignCommand.self, ExportCommand.self, ImportIncidentCommand.self, ReportCommand.self, FollowUpCommand.self, DrillCommand.self,
            ImportCommand.self, ReadinessCommand.self, CloseCommand.self, ReopenCommand.self, KeyBindingsCommand.self, StressAppendCommand.self, ReplayMeasureCommand.self,
        ]
    )

    @OptionGroup var globals: GlobalOptions

    func run() throws {
        try ConsoleLauncher.run(globals: globals, incident: nil, mode: .live)
    }
}

/// The entry point: parses, runs, and turns every failure into one line on stderr.
public enum FirebreakMain {
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try Firebreak.parseAsRoot(GlobalOptions.hoisted(arguments))
            try command.run()
            return 0
        } catch let error as CLIError {
            Output.error(error.description)
            return error.exitCode
        } catch let error as any Error & CustomStringConvertible where oneLineErrors.contains(where: { $0 == type(of: error) }) {
            Output.error(error.description)
            return 1
        } catch {
            let code = Firebreak.exitCode(for: error)
            if code == .success {
                // --help and --version: the full text, on stdout.
                print(Firebreak.fullMessage(for: error))
                return 0
            }
            let message = Firebreak.message(for: error)
            Output.error(message.split(separator: "\n").first.map(String.init) ?? "\(error)")
            return code.rawValue
        }
    }

    /// The typed errors of the layers below, each already one line naming the problem.
    static var oneLineErrors: [any (Error & CustomStringConvertible).Type] {
        [OperationError.self, IncidentError.self, StoreError.self, ActionCatalogLoadError.self, ReportWriteError.self]
    }
}
