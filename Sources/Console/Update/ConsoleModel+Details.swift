import Foundation
import IncidentModel
import LogTail
import TerminalUI

extension ConsoleModel {
    /// The details overlay for what is selected in the focused pane.
    func details() -> Overlay? {
        guard let state else { return nil }
        let end = state.incident.closedAt ?? displayNow
        switch focus {
        case .phases:
            let phase = selectedPhase
            let visits = state.phaseVisits.filter { $0.phase == phase }
            var lines = visits.isEmpty ? ["Not entered yet."] : visits.map {
                "entered \(TimeText.clock($0.enteredAt)) by \($0.enteredBy) · \(TimeText.duration($0.duration(until: end)))"
                    + ($0.leftAt == nil ? " (current)" : "")
            }
            let items = state.checklist.filter { $0.phase == phase }
            lines.append("")
            lines.append("\(items.filter { $0.state != .open }.count) of \(items.count) checklist items done or skipped")
            return .details(title: "\(phase.number) \(phase.title)", lines: lines)
        case .resources:
            guard let resource = selectedResource else { return nil }
            var lines = [
                "kind     \(resource.kind.rawValue)",
                "region   \(resource.region ?? "-")",
                "account  \(resource.account ?? "-")",
                "owner    \(resource.owner ?? "(none: tag it)")",
                "state    \(resource.state.rawValue)",
                "",
                "history",
            ]
            lines += resource.history.map { "  \(TimeText.clock($0.at)) \($0.state.rawValue) by \($0.by)" + ($0.reason.map { " — \($0)" } ?? "") }
            return .details(title: resource.id, lines: lines)
        case .checklist:
            guard let item = selectedItem else { return nil }
            var lines = [item.text, "", "state    \(item.state.rawValue)"]
            if let by = item.by, let at = item.at { lines.append("by       \(by) at \(TimeText.clock(at))") }
            if let reason = item.reason { lines.append("why      \(reason)") }
            switch item.template.backedBy {
            case .action(let id)?: lines.append("action   \(id) (r plans it)")
            case .operation(let operation)?: lines.append("r        \(operation.summary)")
            case nil: break
            }
            // The latest audit's answer for every check behind a Readiness item.
            let checks = ChecklistFindings.readinessLines(for: item.id, in: state)
            if !checks.isEmpty { lines += ["", "readiness checks (latest audit)"] + checks.map { "  \($0)" } }
            // Under Follow-up, every entry recorded for the report, with its owner and due date.
            if item.phase == .followUp, !state.followUps.isEmpty {
                lines += ["", "follow-up entries (L records one)"] + state.followUps.map { "  " + ChecklistFindings.followUpLine($0) }
            }
            return .details(title: item.id, lines: lines)
        case .log:
            guard let line = selectedLogLine else { return nil }
            let mentioned = linker.resourceIDs(mentionedIn: line.text)
            var lines = ["at       \(Timestamp.format(line.time))", "source   \(line.sourceName)"]
            if case .event(let event) = line { lines += ["by       \(event.actor)", "kind     \(event.kind)"] }
            if !mentioned.isEmpty { lines.append("mentions \(mentioned.joined(separator: ", "))") }
            let evidence = line.evidence
            lines += ["sha256   \(evidence.sha256)" + (evidence.hashOf.map { " (\($0.wording))" } ?? ""), "", line.text]
            return .details(title: line.seq.map { "Event #\($0)" } ?? "Line from \(line.sourceName)", lines: lines)
        }
    }
}
