import Foundation
import IncidentModel

/// `containment.verify`: reads back every containment still in force in an
/// incident — each successful, not undone run of a containment action —
/// with that action's own verification steps and the values the run
/// recorded (the isolation group it made, the ACL it associated, the key it
/// disabled), and reports per run and resource what still holds.
///
/// ```swift
/// let verifier = ContainmentVerifier(planner: planner, executor: executor)
/// let plans = try verifier.plans(for: state, catalog: catalog)
/// let report = try verifier.verify(plans) { step in record(step) }
/// report.checks.filter { !$0.holds }   // what an attacker (or a colleague) undid
/// ```
public struct ContainmentVerifier: Sendable {
    /// The id runs of it are recorded under.
    public static let actionID = "containment.verify"

    public var planner: ActionPlanner
    public var executor: ActionExecutor

    public init(planner: ActionPlanner, executor: ActionExecutor) {
        self.planner = planner
        self.executor = executor
    }

    /// The runs whose effect should still hold: containment actions that
    /// changed something, finished with at least one resource succeeded, are
    /// neither dry runs nor undos, have not been undone, and can be read back.
    public static func runsInForce(_ state: IncidentState, catalog: ActionCatalog) -> [(run: ActionRun, definition: ActionDefinition)] {
        state.actionRuns.compactMap { run in
            guard run.undoes == nil, run.undoneBy == nil, !run.dryRun, run.risk != .readOnly,
                  run.status == .succeeded || run.status == .partial,
                  let definition = try? catalog.action(run.action), definition.phase == .containment,
                  !checks(of: definition).isEmpty else { return nil }
            return (run, definition)
        }
    }

    /// A definition's verification steps that read state back; `aws … wait`
    /// steps are left out: they wait for a change to settle, and on a change
    /// that was reverted they would wait until the timeout.
    static func checks(of definition: ActionDefinition) -> [ActionStep] {
        definition.verify.filter { step in
            guard step.arguments.count > 1, case .literal(let operation) = step.arguments[1] else { return true }
            return operation != "wait"
        }
    }

    /// One plan per run in force: its verification steps over the resources
    /// it succeeded on, with what it recorded.
    public func plans(for state: IncidentState, catalog: ActionCatalog) throws -> [ActionPlan] {
        try Self.runsInForce(state, catalog: catalog).compactMap { run, definition in
            var checking = definition
            checking.verify = Self.checks(of: definition)
            // A resource an undo put back is no longer contained by the run.
            let succeeded = run.results.filter { $0.status == .succeeded && run.undoneResources[$0.resource] == nil }.map(\.resource)
            guard !succeeded.isEmpty else { return nil }
            var narrowed = run
            narrowed.resources = run.resources.filter(succeeded.contains)
            var plan = try planner.undoPlan(checking, run: narrowed, in: state, stages: [.verify])
            plan.undoes = nil
            plan.runID = run.runID
            return plan
        }
    }

    /// What the checks found, one per run and resource.
    public struct Report: Sendable, Equatable {
        public var checks: [ContainmentCheck]

        public var allHold: Bool { checks.allSatisfy(\.holds) }

        /// The isolations whose traffic afterwards could not be checked (no flow logs, or none Firebreak reads).
        public var trafficUnchecked: [ContainmentCheck] { checks.filter { $0.traffic?.verdict == .couldNotCheck } }

        /// Every resource checked, in order.
        public var resources: [String] {
            var seen: [String] = []
            for check in checks where !seen.contains(check.resource) { seen.append(check.resource) }
            return seen
        }

        /// Per resource, as an action run's results: succeeded when every containment of it holds.
        public var results: [ActionResourceResult] {
            resources.map { resource in
                let broken = checks.filter { $0.resource == resource && !$0.holds }
                return ActionResourceResult(resource: resource, status: broken.isEmpty ? .succeeded : .failed,
                                            error: broken.isEmpty ? nil : broken.map { "\($0.runID) \($0.action): \($0.detail ?? "does not hold")" }.joined(separator: "; "))
            }
        }
    }

    /// The isolations in force whose flow logs `verify` reads (`IsolationTrafficCheck`).
    public static func trafficTargets(_ state: IncidentState, catalog: ActionCatalog) -> [IsolationTrafficCheck.Target] {
        IsolationTrafficCheck.targets(in: state, runs: runsInForce(state, catalog: catalog))
    }

    /// Runs every plan's checks, then reads the flow logs of each of `traffic`. Each call
    /// goes to `onStep` named after the run it checks (`run-2 verify-isolated`,
    /// `run-2 traffic-records`), so one verification run records them all.
    public func verify(_ plans: [ActionPlan], traffic: [IsolationTrafficCheck.Target] = [],
                       onStep: (ActionStepRecord) throws -> Void) throws -> Report {
        var checks: [ContainmentCheck] = []
        for plan in plans {
            let outcome = try executor.execute(plan) { step in
                var named = step
                named.step = "\(plan.runID) \(step.step)"
                try onStep(named)
            }
            for result in outcome.results {
                checks.append(ContainmentCheck(runID: plan.runID, action: plan.definition.id, resource: result.resource,
                                               holds: result.status == .succeeded, detail: result.error))
            }
        }
        for target in traffic {
            let found = try trafficAfter(target, onStep: onStep)
            checks.append(ContainmentCheck(runID: target.runID, action: target.action, resource: target.instance,
                                           holds: found.verdict != .accepted, detail: found.summary, traffic: found))
        }
        return Report(checks: checks)
    }

    /// One isolation's flow logs read, each call recorded as a `verify` step of the run it checks;
    /// a step that cannot be recorded stops the verification (as the executor's do).
    func trafficAfter(_ target: IsolationTrafficCheck.Target, onStep: (ActionStepRecord) throws -> Void) throws -> TrafficAfterIsolation {
        let runner = executor.runner
        return try withoutActuallyEscaping(onStep) { onStep in
            let unrecorded = UnrecordedBox()
            let check = IsolationTrafficCheck { step, arguments in
                func record(_ record: ActionStepRecord) throws {
                    do { try onStep(record) } catch {
                        unrecorded.error = error
                        throw error
                    }
                }
                let name = "\(target.runID) \(step)"
                let result: AWSCallResult
                do {
                    result = try runner.run(arguments, region: target.region)
                } catch {
                    try record(ActionStepRecord(resource: target.instance, step: name, stage: ActionStage.verify.rawValue,
                                                argv: runner.fullArguments(arguments, region: target.region), outcome: .failed,
                                                exitCode: nil, durationMs: 0, error: IsolationTrafficCheck.line(error)))
                    throw error
                }
                let failure = result.failure
                let stdout = try executor.kept(result.stdout), stderr = try executor.kept(result.stderr)
                let outcome: ActionStepRecord.Outcome = failure == nil ? .succeeded : result.interrupted ? .interrupted : result.timedOut ? .timedOut : .failed
                try record(ActionStepRecord(resource: target.instance, step: name, stage: ActionStage.verify.rawValue, argv: result.arguments,
                                            outcome: outcome, exitCode: result.exitCode, durationMs: Int(result.duration * 1000),
                                            stdout: stdout.text, stderr: stderr.text, error: failure?.description,
                                            stdoutBody: stdout.body, stderrBody: stderr.body))
                if let failure { throw failure }
                return result.stdout
            }
            let found = check.check(target)
            if let error = unrecorded.error { throw error }
            return found
        }
    }
}

/// The error of a step that could not be recorded, carried out of the check's calls.
private final class UnrecordedBox: @unchecked Sendable {
    var error: (any Error)?
}
