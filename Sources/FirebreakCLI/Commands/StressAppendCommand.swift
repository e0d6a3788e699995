import ArgumentParser
import Foundation
import IncidentModel

/// `firebreak stress-append INCIDENT --count N`: appends N notes, one
/// transaction each, printing each seq once it is committed. Hidden: the
/// concurrency, crash and benchmark suites drive the real append path with it.
struct StressAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-append", abstract: "Append notes in a loop (for tests and benchmarks).", shouldDisplay: false)

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How many notes.") var count: Int = 1000
    @Option(help: "The note text's prefix.") var text: String = "stress"
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let actor = try globals.operatorIdentity()
        let store = try globals.writableStore()
        for index in 1...max(1, count) {
            let note = "\(text) \(index)"
            let result = try store.append(to: id, actor: actor, at: nil) { _ in [.noteAdded(NoteAdded(text: note))] }
            // Unbuffered, so a reader sees each seq the moment it is durable.
            FileHandle.standardOutput.write(Data("\(result.state.lastSeq)\n".utf8))
        }
    }
}
