import AWSActions
import Foundation
import IncidentModel
import IncidentStore

/// Start → steps → finish of one run, each appended through the store as the
/// other commands append: the start (with the plan made from the state inside
/// its transaction), one event per call as it finishes, then the finish with
/// the resource states and checklist item it advances, in one transaction.
/// It prints nothing: what happens is told to `progress` (the command line
/// prints it, the console ignores it).
public struct ActionRunFlow {
    public var store: any IncidentEventStore
    public var incident: IncidentID
    public var actor: String
    public var executor: ActionExecutor
    /// Told of the run as it goes: its start, each step once recorded, the executor's outcome.
    public var progress: (Progress) -> Void

    /// What a run tells its `progress` as it goes.
    public enum Progress {
        /// The start was recorded (`dryRun` as asked).
        case started(ActionPlan, dryRun: Bool)
        /// A containment verification's start was recorded.
        case verificationStarted(runID: String)
        /// A step was recorded.
        case step(ActionStepRecord)
        /// Every step ran; the finish is recorded next.
        case executed(ActionPlan, ActionExecutor.Outcome)
    }

    /// Outputs too long for a step's event are kept whole in the store's body
    /// store (by hash), unless the executor already keeps them somewhere.
    public init(store: any IncidentEventStore, incident: IncidentID, actor: String, executor: ActionExecutor,
                progress: @escaping (Progress) -> Void = { _ in }) {
        self.store = store
        self.incident = incident
        self.actor = actor
        self.progress = progress
        var executor = executor
        if executor.keepBody == nil { executor.keepBody = { [store] data in try store.keepBody(data) } }
        self.executor = executor
    }

    /// Runs `plan` and records it; `ActionRun` as folded from what was recorded.
    public func run(plan makePlan: (IncidentState) throws -> ActionPlan, dryRun: Bool, force: Bool) throws -> ActionRun {
        var planned: ActionPlan?
        try recordInterruptedRuns()
        try store.append(to: incident, actor: actor, at: nil) { current in
            let plan = try makePlan(current)
            planned = plan
            return [.actionRunStarted(ActionRunStarted(
                runID: plan.runID, action: plan.definition.id, risk: plan.definition.risk, resources: plan.resources.map(\.id),
                undoes: plan.undoes, dryRun: dryRun, parameters: plan.parameters, process: RunLiveness.current()))]
        }
        let plan = planned!
        progress(.started(plan, dryRun: dryRun))
        let outcome: ActionExecutor.Outcome
        do {
            outcome = try executor.execute(plan, dryRun: dryRun, force: force) { step in
                try store.append(to: incident, actor: actor, at: nil) { _ in [.actionStepFinished(ActionStepFinished(runID: plan.runID, step: step))] }
                progress(.step(step))
            }
        } catch let unrecorded as ActionExecutor.UnrecordedCalls {
            throw OperationError.stepUnrecorded(runID: plan.runID, problem: Self.storeProblem(unrecorded.underlying), calls: unrecorded.calls)
        }
        progress(.executed(plan, outcome))
        let result: AppendResult
        do {
            result = try finish(plan: plan, outcome: outcome, dryRun: dryRun)
        } catch {
            throw OperationError.finishUnrecorded(runID: plan.runID, status: outcome.status.rawValue, problem: Self.storeProblem(error),
                                                  incident: incident)
        }
        return try result.state.actionRun(matching: plan.runID)
    }

    /// The finish of a run with the state changes it brings, in one transaction.
    private func finish(plan: ActionPlan, outcome: ActionExecutor.Outcome, dryRun: Bool) throws -> AppendResult {
        let definition = plan.definition
        return try store.append(to: incident, actor: actor, at: nil) { current in
            var payloads: [EventPayload] = [.actionRunFinished(ActionRunFinished(
                runID: plan.runID, status: outcome.status, results: outcome.results, error: outcome.error))]
            guard !dryRun else { return payloads }
            var target = plan.undoes == nil ? definition.successState : definition.undoState
            // An undo that left the change in place (a key kept inactive) moves nothing.
            if plan.undoes != nil, let name = definition.undoStateWhen, (plan.parameters[name] ?? "").isEmpty { target = nil }
            for result in outcome.results where result.status == .succeeded {
                guard let target, let resource = try? current.resource(matching: result.resource), resource.state != target else { continue }
                payloads.append(.resourceStateChanged(ResourceStateChanged(
                    resource: resource.id, from: resource.state, to: target, reason: "\(definition.id) \(plan.runID)")))
            }
            if plan.undoes == nil, outcome.results.contains(where: { $0.status == .succeeded }), let itemID = definition.successChecklist,
               let item = current.checklist.first(where: { $0.id == itemID }), item.state == .open {
                payloads.append(.checklistItemChanged(ChecklistItemChanged(item: itemID, state: .done, reason: "\(definition.id) \(plan.runID)")))
            }
            return payloads
        }
    }

    /// The store's problem in words that fit after a call was made.
    public static func storeProblem(_ error: any Error) -> String {
        if case StoreError.diskFull = error { return "the disk is full" }
        return "\(error)".replacingOccurrences(of: "\n", with: " ").terminalSafe
    }
}

extension ActionRunFlow {
    /// Records as interrupted every run whose process ended before finishing it
    /// (killed, crashed), in its own transaction, so the next run — an undo of
    /// that one, say — starts from a record that says what happened.
    public func recordInterruptedRuns() throws {
        try store.append(to: incident, actor: actor, at: nil) { current in RunLiveness.interruptedFinishes(in: current) }
    }

    /// `containment.verify`: one read-only run over every resource a
    /// containment still in force touched, recording each read-back; ticks
    /// `troubleshooting.threat-viable` when everything holds.
    public func verifyContainment(verifier: ContainmentVerifier, catalog: ActionCatalog) throws -> (ActionRun, ContainmentVerifier.Report)? {
        var plans: [ActionPlan] = []
        var traffic: [IsolationTrafficCheck.Target] = []
        var runID = ""
        try recordInterruptedRuns()
        try store.append(to: incident, actor: actor, at: nil) { current in
            plans = try verifier.plans(for: current, catalog: catalog)
            traffic = ContainmentVerifier.trafficTargets(current, catalog: catalog)
            let resources = plans.flatMap { $0.resources.map(\.id) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            guard !resources.isEmpty else { return [] }
            runID = current.nextActionRunID
            return [.actionRunStarted(ActionRunStarted(runID: runID, action: ContainmentVerifier.actionID, risk: .readOnly, resources: resources,
                                                       process: RunLiveness.current()))]
        }
        guard !runID.isEmpty else { return nil }
        progress(.verificationStarted(runID: runID))
        var verifier = verifier
        verifier.executor = executor
        let report = try verifier.verify(plans, traffic: traffic) { step in
            try store.append(to: incident, actor: actor, at: nil) { _ in [.actionStepFinished(ActionStepFinished(runID: runID, step: step))] }
            progress(.step(step))
        }
        let results = report.results
        let status: ActionRunStatus = report.allHold ? .succeeded : results.contains { $0.status == .succeeded } ? .partial : .failed
        let broken = report.checks.first { !$0.holds }.map { "\($0.resource): \($0.runID) \($0.action) no longer holds: \($0.detail ?? "")" }
        let finished = try store.append(to: incident, actor: actor, at: nil) { current in
            var payloads: [EventPayload] = [.actionRunFinished(ActionRunFinished(runID: runID, status: status, results: results, error: broken))]
            if report.allHold, let item = current.checklist.first(where: { $0.id == "troubleshooting.threat-viable" }), item.state == .open {
                // Said where the flow logs could not tell whether traffic still flows.
                let unchecked = report.trafficUnchecked.map(\.resource)
                let reason = "\(ContainmentVerifier.actionID) \(runID)" + (unchecked.isEmpty ? "" : "; traffic after the isolation not checked for \(unchecked.joined(separator: ", "))")
                payloads.append(.checklistItemChanged(ChecklistItemChanged(item: item.id, state: .done, reason: reason)))
            }
            return payloads
        }
        return (try finished.state.actionRun(matching: runID), report)
    }
}
