import Foundation
import IncidentModel
import IncidentOperations
import TerminalUI

/// `X`: the runs overlay (its keys: `ConsoleModel+RunsKeys`).
extension ConsoleModel {
    /// `X`: every action run of the incident.
    mutating func showRuns() -> [ConsoleEffect] {
        let rows = runRows
        guard !rows.isEmpty else {
            complain("no action run in this incident yet: a on a resource, or r on an item, runs one")
            return []
        }
        var view = RunsView()
        view.list.setViewportHeight(RunsView.viewportHeight(in: overlayArea))
        view.list.setCount(rows.count)
        overlay = .runs(view)
        // A run whose process died since it was last judged turns interrupted as soon as the answer comes.
        return judgeRuns()
    }

    /// The runs as the runs view and the Recovery items list them.
    var runRows: [RunsView.Row] { RunsView.rows(of: state, endedRuns: endedRuns) }

    /// Asks the store worker which runs recorded as running have lost their process.
    mutating func judgeRuns() -> [ConsoleEffect] {
        guard mode != .replay, state?.actionRuns.contains(where: { $0.status == .running }) == true else { return [] }
        runsJudgedAt = now
        return [.judgeRuns]
    }

    /// Every few seconds while a run is recorded as running and not yet judged ended: asked again.
    mutating func judgeRunsIfDue() -> [ConsoleEffect] {
        guard let state, state.actionRuns.contains(where: { $0.status == .running && !endedRuns.contains($0.runID) }) else { return [] }
        if let asked = runsJudgedAt, now.timeIntervalSince(asked) < Self.runJudgingInterval { return [] }
        return judgeRuns()
    }

    /// How often a run recorded as running is checked for a process that has ended.
    static let runJudgingInterval: TimeInterval = 5
}
