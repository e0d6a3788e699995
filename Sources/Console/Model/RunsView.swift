import Foundation
import IncidentModel
import IncidentOperations
import TerminalUI

/// The runs overlay (`X`): every action run of the incident, newest first,
/// read from the state each time it is drawn, so a run streams in as its
/// steps are recorded. Only the selection is kept here.
struct RunsView: Equatable, Sendable {
    var list = ListView(count: 0, selection: 0, viewportHeight: 1)

    /// Rows of runs that fit in an overlay `area`: less the margin, the frame and the header.
    static func viewportHeight(in area: Size) -> Int { max(1, area.height - 5) }

    /// One run as the overlay lists it.
    struct Row: Equatable, Sendable {
        var run: ActionRun
        /// Why it cannot be undone (`UndoRun.refusal`), nil when its undo can be planned.
        var undoRefusal: String?

        /// Succeeded steps over recorded ones: what ran of what was tried.
        var stepsText: String {
            "\(run.steps.filter { $0.outcome == .succeeded }.count)/\(run.steps.count)"
        }

        var kindText: String {
            run.undoes.map { "undo of \($0)" } ?? (run.dryRun ? "dry run" : run.risk.rawValue)
        }

        /// `undo: u` or `no undo: why`, as the row ends; a run some of whose resources
        /// an undo put back says how many, and `u` undoes the rest.
        var undoText: String {
            if let by = run.undoneBy { return "undone by \(by)" }
            if let refusal = undoRefusal { return "no undo: \(refusal)" }
            let done = run.partlyUndone
            return done.isEmpty ? "u undoes" : "\(done.count) of \(run.resources.count) undone, u undoes the rest"
        }
    }

    /// The incident's runs, newest first, each with whether it can be undone.
    /// A run recorded as running whose process has ended (`endedRuns`, judged
    /// by the store worker: the UI thread reads no /proc) is shown as
    /// `show` shows it, interrupted, and its undo judged as `action undo` judges it.
    static func rows(of state: IncidentState?, endedRuns: Set<String>) -> [Row] {
        guard let state else { return [] }
        let settled = RunLiveness.settled(state, endedRuns: endedRuns)
        return settled.actionRuns.reversed().map { Row(run: $0, undoRefusal: UndoRun.refusal(of: $0, in: settled)) }
    }

    /// Everything about one run, for its details box (Enter).
    static func details(of row: Row) -> [String] {
        let run = row.run
        var lines = ["\(run.action) (\(row.kindText)) on \(run.resources.joined(separator: ", "))",
                     "status   \(run.status.rawValue)\(run.error.map { ": \($0)" } ?? "")",
                     "started  \(ISO8601DateFormatter().string(from: run.startedAt)) by \(run.startedBy)",
                     "finished \(run.finishedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "not yet")",
                     "steps    \(row.stepsText) succeeded",
                     "undo     \(row.undoText)"]
        for (resource, by) in run.partlyUndone { lines.append("         \(resource) undone by \(by)") }
        if !run.parameters.isEmpty {
            lines.append("params   " + run.parameters.keys.sorted().map { "\($0)=\(run.parameters[$0]!)" }.joined(separator: " "))
        }
        lines.append("")
        for step in run.steps {
            lines.append("\(step.outcome.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(step.resource) \(step.step) (\(step.stage))")
            lines.append("    " + (step.argv.isEmpty ? (step.outcome == .skipped ? "not called" : "computed by Firebreak, no aws call") : CommandLineText.aws(step.argv)))
            if let error = step.error { lines.append("    \(error)") }
        }
        return lines.map(\.terminalSafe)
    }
}
