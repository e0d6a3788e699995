import Foundation
import IncidentModel
import IncidentOperations
import TerminalUI

/// `X`: the runs overlay (its keys: `ConsoleModel+RunsKeys`).
extension ConsoleModel {
    /// `X`: every action run of the incident.
    mutating func showRuns() -> [ConsoleEffect] {
        let rows = RunsView.rows(of: state)
        guard !rows.isEmpty else {
            complain("no action run in this incident yet: a on a resource, or r on an item, runs one")
            return []
        }
        var view = RunsView()
        view.list.setViewportHeight(RunsView.viewportHeight(in: overlayArea))
        view.list.setCount(rows.count)
        overlay = .runs(view)
        return []
    }
}
