import Foundation
import IncidentModel
import TerminalUI

/// The checklist pane's commands.
extension ConsoleModel {
    mutating func tickSelectedItem() -> [ConsoleEffect] {
        guard let item = selectedItem else { return [] }
        return record(.checklistItemChanged(ChecklistItemChanged(item: item.id, state: item.state == .done ? .open : .done)))
    }

    mutating func askWhySkipped() -> [ConsoleEffect] {
        guard let item = selectedItem else { return [] }
        overlay = .prompt(PromptForm(title: "Skip \(item.id)", prompt: Prompt(label: "Why? ", placeholder: "optional reason"),
                                     purpose: .skipItem(id: item.id)))
        return []
    }

    mutating func reopenSelectedItem() -> [ConsoleEffect] {
        guard let item = selectedItem else { return [] }
        return record(.checklistItemChanged(ChecklistItemChanged(item: item.id, state: .open)))
    }

    mutating func askForItem() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Add to \(selectedPhase.title)", prompt: Prompt(label: "Item: "),
                                     purpose: .addChecklistItem(selectedPhase)))
        return []
    }

    /// `r`: what backs the selected item: its action's plan, or the operation.
    mutating func runSelectedItem() -> [ConsoleEffect] {
        guard mode == .live, let backing = selectedItem?.template.backedBy else { return [] }
        switch backing {
        case .action(let id): return [.offerAction(id)]
        case .operation(let operation): return run(operation)
        }
    }

    /// One of Firebreak's own operations, as a checklist item asks for it.
    mutating func run(_ operation: ChecklistOperation) -> [ConsoleEffect] {
        switch operation {
        case .readinessAudit: return auditReadiness()
        case .accountsAndRegions: return showAccountsAndRegions()
        case .importFindings: return askForFindingsSource()
        case .discovery: return chooseResourceToDiscoverFrom()
        case .verification: return verifyContainment()
        case .undoContainment: return chooseRunToUndo(networkOnly: false)
        case .restoreNetwork: return chooseRunToUndo(networkOnly: true)
        case .report: return askWhereToWriteTheReport()
        case .drill: return askForDrill()
        }
    }

    mutating func auditReadiness() -> [ConsoleEffect] {
        let regions = state?.incident.regions ?? []
        return start(.auditReadiness, saying: "auditing readiness in \(regions.isEmpty ? "the default region" : regions.joined(separator: ", "))…")
    }

    /// The accounts and regions the incident spans, and how many of its resources are in each.
    mutating func showAccountsAndRegions() -> [ConsoleEffect] {
        guard let state else { return [] }
        let resources = Array(state.resources)
        func tally(_ key: (Resource) -> String?) -> [String] {
            let counts = Dictionary(grouping: resources) { key($0) ?? "(not known)" }.mapValues(\.count)
            return counts.keys.sorted().map { "  \($0)  \(counts[$0]!) resource\(counts[$0]! == 1 ? "" : "s")" }
        }
        var lines = ["accounts \(state.incident.accounts.isEmpty ? "(none recorded)" : state.incident.accounts.joined(separator: ", "))",
                     "regions  \(state.incident.regions.isEmpty ? "(none recorded)" : state.incident.regions.joined(separator: ", "))"]
        lines += ["", "resources by account"] + tally(\.account) + ["", "resources by region"] + tally(\.region)
        lines += ["", "Spreading workloads over accounts and regions keeps one compromise from reaching the rest."]
        overlay = .details(title: "Accounts and regions · \(state.incident.id)", lines: lines)
        return []
    }

    /// Discovery from one of the incident's resources: the selected one in the resources pane's order, chosen from a menu.
    mutating func chooseResourceToDiscoverFrom() -> [ConsoleEffect] {
        let resources = visibleResources.filter { $0.state == .compromised || $0.state == .suspected }.map(\.id)
        guard !resources.isEmpty else {
            complain("no compromised or suspected resource to discover from: add one (a)")
            return []
        }
        overlay = .choice(ChoiceMenu(title: "Discover what is related to", options: resources, purpose: .discoverFrom(resources)))
        return []
    }

    mutating func verifyContainment() -> [ConsoleEffect] {
        start(.verifyContainment, saying: "verifying every containment still in force…")
    }

    /// The runs whose undo can be planned, newest first, one option for each
    /// resource they changed and no undo has put back yet; for the network,
    /// only EC2's (isolation, quarantine). An option undoes that resource alone:
    /// its plan keeps what the run's others still share (a VPC's isolation group).
    mutating func chooseRunToUndo(networkOnly: Bool) -> [ConsoleEffect] {
        let rows = runRows.filter { row in
            row.run.risk == .reversible && row.undoRefusal == nil && (!networkOnly || row.run.action.hasPrefix("ec2."))
        }
        guard !rows.isEmpty else {
            complain(networkOnly ? "no network containment to undo" : "no containment to undo: no reversible run is left")
            return []
        }
        var options: [String] = [], targets: [UndoTarget] = []
        for row in rows {
            let left = row.run.resourcesToUndo
            for resource in left {
                let others = left.count - 1
                options.append("\(resource)  \(row.run.action)  \(row.run.runID)"
                               + (others > 0 ? " (this one only; \(others) other\(others == 1 ? " stays" : "s stay"))" : ""))
                targets.append(UndoTarget(run: row.run.runID, resources: [resource]))
            }
        }
        overlay = .choice(ChoiceMenu(title: networkOnly ? "Restore network access: undo which containment?" : "Undo which containment?",
                                     options: options, purpose: .undoRun(targets)))
        return []
    }

    mutating func askWhereToWriteTheReport() -> [ConsoleEffect] {
        let id = state?.incident.id.description ?? "incident"
        overlay = .prompt(PromptForm(title: "Write the post-incident report", prompt: Prompt(
            label: "To: ", text: "\(id)-report.md", placeholder: "a new file: .md, .json or .html"), purpose: .reportPath))
        return []
    }

    /// A drill to schedule, recorded as a follow-up action item (then its owner and due date).
    mutating func askForDrill() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Schedule a drill", prompt: Prompt(
            label: "What? ", text: "Drill: ", placeholder: "which scenario (firebreak drill --list), for whom", selectsText: false), purpose: .followUpText(.action)))
        return []
    }
}
