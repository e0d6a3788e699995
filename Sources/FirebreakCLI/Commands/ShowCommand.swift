import ArgumentParser
import Foundation
import IncidentModel
import IncidentOperations

/// `firebreak show INCIDENT [--json]`: phases, resources, checklist, notes, metrics.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(commandName: "show", abstract: "Show one incident.")

    @Argument(help: "The incident (INC-n or n).") var incident: String
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let store = try globals.readOnlyStore(for: id)
        let state = try store.state(of: id)
        // Metrics and notes need every event (neither operators nor notes are kept in the folded state).
        let now = Date()
        let events = try store.events(of: id, since: 0).map(\.event)
        let metrics = RunLiveness.metrics(of: state, events: events, now: now)
        let notes = Note.all(in: events)
        if json {
            try Output.json(.incident(state, notes: notes, metrics: metrics, now: now))
        } else {
            Self.printHuman(state, notes: notes, metrics: metrics, now: now)
        }
    }

    static func printHuman(_ state: IncidentState, notes: [Note], metrics: IncidentMetrics? = nil, now: Date = Date()) {
        let incident = state.incident
        let end = incident.closedAt ?? now
        Output.line("\(incident.id)  \(incident.title)" + (incident.isDrill ? "  [DRILL]" : ""))
        Output.line("\(incident.severity) (\(incident.severity.label)) · \(incident.status.rawValue) · phase \(state.phase.title) · opened \(Output.time(incident.openedAt)) by \(incident.openedBy)")
        if !incident.accounts.isEmpty || !incident.regions.isEmpty {
            Output.line("accounts \(incident.accounts.isEmpty ? "-" : incident.accounts.joined(separator: ", ")) · regions \(incident.regions.isEmpty ? "-" : incident.regions.joined(separator: ", "))")
        }
        if !state.roles.isEmpty {
            Output.line(IncidentRole.allCases.compactMap { role in state.roles[role].map { "\(role.rawValue) \($0)" } }.joined(separator: " · "))
        }
        if !incident.summary.isEmpty { Output.line(incident.summary) }
        if let resolution = incident.resolution { Output.line("closed \(Output.time(incident.closedAt)): \(resolution)") }

        Output.line()
        Output.line("Phases")
        for phase in Phase.allCases {
            let visits = state.phaseVisits.filter { $0.phase == phase }
            let mark = phase == state.phase ? "▶" : (visits.isEmpty ? " " : "✓")
            let spent = visits.reduce(0) { $0 + $1.duration(until: end) }
            let entries = visits.map { Output.time($0.enteredAt) }.joined(separator: ", ")
            let loops = visits.count > 1 ? " (\(visits.count) visits)" : ""
            Output.line("  \(mark) \(phase.number) \(Output.column(phase.title, 16))" + (visits.isEmpty ? "" : "\(Output.column(Output.duration(spent), 9)) entered \(entries)\(loops)"))
        }

        if let metrics {
            Output.line()
            Output.line("Metrics")
            for line in MetricsText.lines(metrics) { Output.line("  " + line) }
        }

        Output.line()
        Output.line("Resources (\(state.resources.count))")
        if state.resources.isEmpty { Output.line("  none yet: firebreak resource add \(incident.id) ID_OR_ARN") }
        for resource in state.resources {
            Output.line("  " + Output.column(resource.state.rawValue, 12) + " " + Output.column(resource.kind.rawValue, 18) + " "
                        + Output.column(resource.region ?? "-", 14) + " " + Output.column(resource.owner ?? "(no owner)", 14) + " " + resource.id.terminalSafe)
        }

        Output.line()
        let done = state.checklist.filter { $0.state != .open }.count
        Output.line("Checklist (\(done)/\(state.checklist.count))")
        for phase in Phase.allCases {
            let items = state.checklist.filter { $0.phase == phase }
            guard !items.isEmpty else { continue }
            Output.line("  \(phase.title)")
            for item in items {
                let box = ["open": "[ ]", "done": "[x]", "skipped": "[-]"][item.state.rawValue]!
                var who = item.by.map { "  — \($0), \(Output.time(item.at))" } ?? ""
                if let reason = item.reason { who += " (\(reason))" }
                Output.line("    \(box) \(Output.column(item.id, 40)) \(item.text)\(who)")
            }
        }

        if !state.readiness.isEmpty {
            Output.line()
            Output.line("Readiness (latest audit)")
            for result in state.readiness { Output.line("  " + ReadinessCommand.line(result)) }
        }

        if !state.evidence.isEmpty {
            Output.line()
            Output.line("Evidence (\(state.evidence.count))")
            for item in state.evidence {
                Output.line("  #\(item.seq) \(item.pin.loggedAt) \(item.pin.source) sha256 \(item.pin.sha256)"
                            + (item.pin.hashOf.map { " (\($0.wording))" } ?? ""))
                Output.line("    \(item.pin.line)")
            }
        }

        if !state.followUps.isEmpty {
            Output.line()
            Output.line("Follow-up")
            for item in state.followUps {
                let who = [item.owner.map { "owner \($0)" }, item.due.map { "due \($0)" }].compactMap { $0 }.joined(separator: ", ")
                Output.line("  \(item.id) \(Output.column(item.category.rawValue, 10)) \(item.text)" + (who.isEmpty ? "" : " (\(who))"))
            }
        }

        if !notes.isEmpty {
            Output.line()
            Output.line("Notes")
            for note in notes { Output.line("  \(Output.time(note.at)) \(note.by): \(note.text)") }
        }
    }
}
