import ArgumentParser
import Foundation
import IncidentModel

/// `firebreak body SHA256`: an action step's whole output, kept by hash when
/// it was longer than the step's event carries (`show --json` names it as
/// `stdoutBody` / `stderrBody`). Bytes as kept to a pipe or file; to a
/// terminal, control characters are shown visibly.
struct BodyCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "body", abstract: "Print a step's whole output kept by hash (as `show --json` names it).")

    @Argument(help: "The body's SHA-256, 64 hex digits.") var sha256: String
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        let hash = sha256.lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
            throw CLIError("'\(sha256.terminalSafe)' is not a SHA-256 (64 hex digits)")
        }
        guard let store = try globals.readOnlyStore(), let data = try store.body(sha256: hash) else {
            throw CLIError("no output is kept under \(hash) in \(globals.databasePath)")
        }
        if isatty(STDOUT_FILENO) == 1 {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                Output.line(String(line).terminalSafe)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
