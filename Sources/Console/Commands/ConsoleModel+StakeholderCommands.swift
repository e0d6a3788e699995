import IncidentModel
import IncidentOperations
import TerminalUI

/// `S`: the incident rated anew, recorded as `severity.changed`.
extension ConsoleModel {
    mutating func chooseSeverity() -> [ConsoleEffect] {
        guard let current = state?.incident.severity else { return [] }
        overlay = .choice(ChoiceMenu(title: "Severity of \(state?.incident.id.description ?? "the incident") (now \(current))",
                                     options: (1...4).map { "SEV\($0) \(Severity(rawValue: $0)!.label)" + ($0 == current.rawValue ? " (now)" : "") },
                                     selected: current.rawValue - 1, purpose: .changeSeverity))
        return []
    }

    /// The severity chosen: the same one is refused at once; another asks why (optional), then is recorded.
    mutating func askWhySeverityChanges(to value: Int) -> [ConsoleEffect] {
        guard let current = state?.incident.severity, let chosen = Severity(rawValue: value) else { return [] }
        if let refusal = state.map({ ChangeSeverity.refusal(to: chosen, in: $0) }) ?? nil {
            complain(refusal)
            return []
        }
        overlay = .prompt(PromptForm(title: "\(current) → \(chosen) (\(chosen.label))", prompt: Prompt(
            label: "Why? ", placeholder: "optional: what was learned"), purpose: .severityReason(SeverityChanged(from: current, to: chosen))))
        return []
    }
}

extension ConsoleModel {
    /// `N`: a note of its own kind, for those outside the response; the report lists them together.
    mutating func askForStatusUpdate() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Status update for stakeholders", prompt: Prompt(
            label: "Update: ", placeholder: "what they were told: impact, what is done, next update when"), purpose: .statusUpdate))
        return []
    }
}
