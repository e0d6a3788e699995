import ArgumentParser
import IncidentDocuments
import IncidentModel

/// `firebreak events INCIDENT [--since SEQ] [--json]`: the raw event log.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "events", abstract: "Print an incident's event log.")

    @Argument(help: "The incident.") var incident: String
    @Option(help: "Only events after this seq.") var since: Int64 = 0
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        guard since >= 0 else { throw IncidentError.invalidInput("--since must be 0 or more") }
        let events = try globals.readOnlyStore(for: id).events(of: id, since: since)
        if json {
            try Output.json(.array(events.map(JSONValue.event)))
            return
        }
        for recorded in events {
            let event = recorded.event
            let recordedLate = event.recordedAt != event.at ? " (recorded \(Output.time(event.recordedAt)))" : ""
            Output.line("#\(event.seq)  \(Output.time(event.at))  \(Output.column(event.actor, 12)) \(Output.column(event.payload.kind, 24)) \(event.payload.summary)\(recordedLate)")
        }
    }
}
