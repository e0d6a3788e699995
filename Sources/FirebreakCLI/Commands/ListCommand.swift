import ArgumentParser
import IncidentDocuments
import IncidentModel

/// `firebreak list [--all] [--json]`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "list", abstract: "List open incidents (--all: closed too).")

    @Flag(help: "Include closed incidents.") var all = false
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        try Self.printList(globals: globals, includeClosed: all, json: json)
    }

    static func printList(globals: GlobalOptions, includeClosed: Bool, json: Bool) throws {
        let store = try globals.readOnlyStore()
        let incidents = try store?.incidents(includeClosed: includeClosed) ?? []
        if json {
            try Output.json(.array(incidents.map(JSONValue.incidentSummary)))
            return
        }
        // Nothing is created by reading: a mistyped --db is named, not shown as an empty list.
        guard store != nil else {
            Output.line("No incidents: there is no incident database at \(globals.databasePath.terminalSafe) (check --db or $FIREBREAK_DB).")
            return
        }
        guard !incidents.isEmpty else {
            Output.line(includeClosed ? "No incidents." : "No open incidents. Open one with: firebreak open --title \"…\" --severity 2")
            return
        }
        Output.line("ID       SEV   STATUS  PHASE            UPDATED                   TITLE")
        for incident in incidents {
            Output.line(Output.column(incident.id.description, 8) + " " + Output.column(incident.severity.description, 5) + " "
                        + Output.column(incident.status.rawValue, 7) + " " + Output.column(incident.phase.title, 16) + " "
                        + Output.column(Output.time(incident.updatedAt), 25) + " " + incident.title.terminalSafe)
        }
    }
}
