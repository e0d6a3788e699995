import Foundation
import IncidentModel

/// The last phase change or resource state change this operator made, and the
/// event that corrects it. One key (`e`, `c`) makes such a change, so one key
/// takes it back: a new event that returns to where it was; nothing is deleted.
struct LastChange: Equatable {
    /// What the correcting event does, for the footer.
    var summary: String
    var correction: EventPayload
    /// Why it cannot be undone (someone changed it since); nil when it can.
    var blockedBy: String?

    /// The latest of `operatorName`'s phase entries and state changes in `state`, or nil when there is none.
    static func find(in state: IncidentState, by operatorName: String) -> LastChange? {
        var latest: (at: Date, change: LastChange)?
        func consider(_ at: Date, _ change: @autoclosure () -> LastChange) {
            if latest == nil || at >= latest!.at { latest = (at, change()) }
        }
        let visits = state.phaseVisits
        // The first visit is the phase the incident opened in: not a change to undo.
        for index in visits.indices.dropFirst() where visits[index].enteredBy == operatorName {
            let back = visits[index - 1].phase
            let current = index == visits.count - 1
            let since = current ? nil : visits[visits.count - 1]
            consider(visits[index].enteredAt, LastChange(
                summary: "phase back to \(back.title) (from \(visits[index].phase.title))",
                correction: .phaseEntered(PhaseEntered(phase: back)),
                blockedBy: since.map { "\($0.enteredBy) entered \($0.phase.title) since" }))
        }
        for resource in state.resources {
            let history = resource.history
            // The first entry is the state it was added in.
            for index in history.indices.dropFirst() where history[index].by == operatorName {
                let back = history[index - 1].state
                let current = index == history.count - 1
                let since = current ? nil : history[history.count - 1]
                consider(history[index].at, LastChange(
                    summary: "\(resource.id) back to \(back.rawValue) (from \(history[index].state.rawValue))",
                    correction: .resourceStateChanged(ResourceStateChanged(
                        resource: resource.id, from: resource.state, to: back,
                        reason: "undoes \(operatorName)'s change to \(history[index].state.rawValue) at \(Timestamp.format(history[index].at))")),
                    blockedBy: since.map { "\($0.by) made it \($0.state.rawValue) since" }))
            }
        }
        return latest?.change
    }
}

extension ConsoleModel {
    /// `U`: records the event that takes back this operator's last phase or resource state change.
    mutating func undoLastChange() -> [ConsoleEffect] {
        guard let state else { return [] }
        guard let change = LastChange.find(in: state, by: operatorName) else {
            complain("nothing to undo: \(operatorName) has not changed the phase or a resource's state here")
            return []
        }
        if let blockedBy = change.blockedBy {
            complain("not undone: \(blockedBy) (\(change.summary) would undo theirs too)")
            return []
        }
        let effects = record(change.correction)
        if !effects.isEmpty { say("undoing: \(change.summary); U again puts it back") }
        return effects
    }
}
