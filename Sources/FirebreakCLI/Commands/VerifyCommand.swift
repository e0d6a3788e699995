import ArgumentParser
import IncidentModel

/// `firebreak verify [INCIDENT]`: checks the hash chain; exit 0 when intact,
/// 2 naming the first bad event when not.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the hash chain (exit 0 when intact, 2 naming the first bad event).")

    @Argument(help: "The incident (default: all).") var incident: String?
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try incident.map(IncidentID.init(parsing:))
        let store = try id.map { try globals.readOnlyStore(for: $0) } ?? globals.readOnlyStore()
        let results = try store?.verify(id) ?? []
        if json {
            try Output.json(.array(results.map(JSONValue.verification)))
        } else {
            for result in results where result.isIntact {
                Output.line("\(result.incident): intact, \(result.verifiedEvents) events, head \(result.headHash)")
            }
            if results.isEmpty { Output.line("No incidents to verify.") }
        }
        if let broken = results.first(where: { !$0.isIntact }), let problem = broken.problem {
            throw CLIError("\(broken.incident) \(problem): the record was altered", exitCode: 2)
        }
    }
}
