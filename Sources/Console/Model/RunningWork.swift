import Foundation
import IncidentModel

/// What the console started and is waiting on, for the footer: the action run
/// (`ec2.isolate on i-0abc: step 2 of 4 · 12s`) or the AWS work running now
/// (`the readiness audit · 8s`), rather than a bare `writing…`.
struct RunningWork: Sendable, Equatable {
    /// An action run the responder confirmed, until its run has finished in the store.
    struct Action: Sendable, Equatable {
        var action: String
        var resources: [String]
        /// The calls its plan made (each a step); nil when the plan did not say.
        var steps: Int?
        var startedAt: Date
    }

    var action: Action?
    /// When the first AWS work in flight (the one running: they run one at a time) started.
    var workSince: Date?
}

extension ConsoleModel {
    /// The footer's line for what is running, nil when nothing is.
    var runningText: String? {
        if let action = running.action {
            let elapsed = TimeText.duration(now.timeIntervalSince(action.startedAt))
            let on = action.resources.count == 1 ? action.resources[0] : "\(action.resources.count) resources"
            guard let run = runOf(action) else { return "\(action.action) on \(on): starting · \(elapsed)" }
            // The step in progress is the one after those recorded (never past the last).
            let current = run.steps.count + 1
            let step = action.steps.map { "step \(min(current, max($0, 1))) of \($0)" } ?? "step \(current)"
            return "\(action.action) on \(on): \(step) · \(elapsed)"
        }
        if let work = awsWorkInFlight.first {
            let elapsed = running.workSince.map { " · " + TimeText.duration(now.timeIntervalSince($0)) } ?? ""
            return "\(work.title)\(elapsed)" + (awsWorkInFlight.count > 1 ? " (then \(awsWorkInFlight.count - 1) more)" : "")
        }
        return pendingWrites > 0 ? "writing…" : nil
    }

    /// The run in the store that `action` started: this operator's, of that action, begun since it was confirmed.
    func runOf(_ action: RunningWork.Action) -> ActionRun? {
        state?.actionRuns.last { run in
            run.action == action.action && run.startedBy == operatorName && run.startedAt >= action.startedAt.addingTimeInterval(-2)
        }
    }

    /// Forgets the action once its run has finished (the store's answer says how it ended).
    mutating func forgetFinishedAction() {
        if let action = running.action, let run = runOf(action), run.status != .running { running.action = nil }
        if pendingWrites == 0 { running.action = nil }
    }
}
