import Foundation

extension IncidentState {
    /// The run with this id (`run-3` or `3`).
    public func actionRun(matching text: String) throws -> ActionRun {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        let id = key.hasPrefix("run-") ? key : "run-\(key)"
        guard let run = actionRuns.first(where: { $0.runID == id }) else {
            throw IncidentError.notFound("no action run '\(text.terminalSafe)' in \(incident.id)")
        }
        return run
    }

    /// The id the next run of this incident gets.
    public var nextActionRunID: String { "run-\(actionRuns.count + 1)" }

    func actionRunIndex(_ runID: String) -> Int? {
        actionRuns.firstIndex(where: { $0.runID == runID })
    }
}
