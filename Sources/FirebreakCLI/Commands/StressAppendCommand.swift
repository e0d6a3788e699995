import ArgumentParser
import Foundation
import IncidentModel

/// `firebreak stress-append INCIDENT --count N [--batch B]`: appends N notes,
/// B to a transaction (one by default), printing the last seq of each
/// transaction once it is committed. Hidden: the concurrency, crash and
/// benchmark suites drive the real append path with it, and `--batch` builds
/// a million-event incident for measuring replay in minutes rather than hours
/// of one fsync per event.
struct StressAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-append", abstract: "Append notes in a loop (for tests and benchmarks).", shouldDisplay: false)

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How many notes.") var count: Int = 1000
    @Option(help: "Notes per transaction.") var batch: Int = 1
    @Option(help: "The note text's prefix.") var text: String = "stress"
    /// Off by default, so the suites that count a writer's events count only its notes.
    @Flag(help: "Sign heads at checkpoints, as every other writer does.") var sign = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, not \(batch)") }
    }

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let actor = try globals.operatorIdentity()
        let store = try globals.writableStore(signing: sign)
        let total = max(1, count)
        var written = 0
        while written < total {
            let notes = (written + 1)...min(total, written + batch)
            let result = try store.append(to: id, actor: actor, at: nil) { _ in
                notes.map { .noteAdded(NoteAdded(text: "\(text) \($0)")) }
            }
            written = notes.upperBound
            // Unbuffered, so a reader sees each seq the moment it is durable.
            FileHandle.standardOutput.write(Data("\(result.state.lastSeq)\n".utf8))
        }
    }
}
