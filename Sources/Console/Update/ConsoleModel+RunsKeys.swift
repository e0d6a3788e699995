import Foundation
import IncidentModel
import TerminalUI

/// The runs overlay's keys (move, details, undo) and the choice of the
/// resources an item's action runs on.
extension ConsoleModel {
    /// A key while the runs overlay is open.
    mutating func handleRunsKey(_ key: Key, _ view: RunsView) -> [ConsoleEffect] {
        var view = view
        let rows = runRows
        view.list.setViewportHeight(RunsView.viewportHeight(in: overlayArea))
        view.list.setCount(rows.count)
        let selected = view.list.selection.flatMap { rows.indices.contains($0) ? rows[$0] : nil }
        switch key {
        case .escape, .character("q"), .character("X"):
            overlay = nil
            return []
        case .enter:
            guard let selected else { return [] }
            overlay = .details(title: "\(selected.run.runID) · \(selected.run.action)", lines: RunsView.details(of: selected))
            return []
        case .character("u"):
            guard let selected else { return [] }
            guard mode == .live else {
                complain("read-only: undo from a live console or with firebreak action undo")
                return []
            }
            if let by = selected.run.undoneBy {
                complain("\(selected.run.runID) was already undone by \(by)")
                return []
            }
            if let refusal = selected.undoRefusal {
                complain("\(selected.run.runID): \(refusal)")
                return []
            }
            // The same plan → confirm → run as an action: the plan overlay takes over.
            overlay = nil
            return [.previewUndo(run: selected.run.runID)]
        default:
            _ = view.list.handle(Self.viKeysAsArrows(key))
            overlay = .runs(view)
            return []
        }
    }

    /// An action-backed item's `r`: one resource the action applies to goes
    /// straight to the action; several are offered, most relevant first, with
    /// every one still needing it as a single choice when there are several.
    mutating func offerTargets(of choice: ActionChoice, among resources: [Resource]) -> [ConsoleEffect] {
        guard resources.count > 1 else {
            // As the action menu's answer; `update` replays the keys held meanwhile once, for either.
            return handleMessage(.actionsAvailable(resources: resources.map(\.id), [choice]))
        }
        let needing = resources.filter { $0.state == .compromised || $0.state == .suspected }.map(\.id)
        var options: [String] = [], targets: [[String]] = []
        if needing.count > 1 {
            options.append("every compromised or suspected one (\(needing.count)): \(needing.joined(separator: ", "))")
            targets.append(needing)
        }
        for resource in resources {
            options.append("\(resource.state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(resource.kind.rawValue)  \(resource.id)")
            targets.append([resource.id])
        }
        overlay = .choice(ChoiceMenu(title: "\(choice.id) on which resource?", options: options, purpose: .actionTarget(choice, targets: targets)))
        return []
    }
}
