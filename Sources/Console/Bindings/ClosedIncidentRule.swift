import IncidentModel
import TerminalUI

/// What a closed incident still offers. Every binding that changes the
/// incident needs it open, unless it is one of the few that work after
/// closing: reopening, opening another incident, recording follow-up items
/// and lessons (reviews happen then), following another log source, and a
/// checklist item's `r` for what still works (the report, a drill to schedule).
/// Applied to the whole table, so a new binding is covered without a word.
enum ClosedIncidentRule {
    /// Commands that mutate yet still work on a closed incident.
    static let worksWhenClosed: Set<ConsoleCommand> = [.reopenIncident, .openIncident, .addFollowUp, .addSource]

    static func applied(to bindings: [ConsoleKeyBinding]) -> [ConsoleKeyBinding] {
        bindings.map { binding in
            guard binding.mutates, !binding.requirements.contains(.incidentOpen), !binding.requirements.contains(.incidentClosed),
                  !worksWhenClosed.contains(binding.command) else { return binding }
            var ruled = binding
            ruled.requirements.append(binding.command == .runItem ? .itemWorksWhenClosed : .incidentOpen)
            return ruled
        }
    }
}

extension ChecklistBacking {
    /// Whether running it still means something once the incident is closed: it only reads the record, or records a follow-up.
    var worksWhenClosed: Bool {
        switch self {
        case .operation(.report), .operation(.drill), .operation(.accountsAndRegions): return true
        default: return false
        }
    }
}
