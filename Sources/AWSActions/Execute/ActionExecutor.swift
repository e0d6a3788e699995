import Foundation
import IncidentModel

/// Runs a plan through the runner, one resource after another, step by step.
///
/// Each finished call is handed to `onStep` at once (the command appends it
/// as an `action.step-finished` event), so a run that dies half-way has
/// recorded exactly what it did. A step that fails stops that resource's run;
/// the other resources go on. What `record` and capturing steps saw is
/// returned per resource for undo.
public struct ActionExecutor: Sendable {
    public var runner: AWSCLIRunner
    /// Bytes of each stream kept in the step's event; the runner's own cap is larger.
    public var recordedOutputLimit: Int

    public init(runner: AWSCLIRunner, recordedOutputLimit: Int = 8192) {
        self.runner = runner
        self.recordedOutputLimit = recordedOutputLimit
    }

    /// How a run ended.
    public struct Outcome: Sendable, Equatable {
        public var status: ActionRunStatus
        public var results: [ActionResourceResult]
        /// The first failure, one line.
        public var error: String?
    }

    /// The unique name a step gives what it creates: `firebreak-INC-1-run-3-create-isolation-group`.
    static func stepName(plan: ActionPlan, step: ActionStep) -> String {
        "firebreak-\(plan.incident)-\(plan.runID)-\(step.name)"
    }

    /// Runs `plan`. `dryRun` uses the API's own dry run where a step has one,
    /// skips other changes and verification, and changes nothing. `force`
    /// skips the definition's `requires` checks.
    public func execute(_ plan: ActionPlan, dryRun: Bool = false, force: Bool = false,
                        onStep: (ActionStepRecord) throws -> Void) throws -> Outcome {
        var results: [ActionResourceResult] = []
        for resource in plan.resources {
            results.append(try execute(plan, resource: resource, dryRun: dryRun, force: force, onStep: onStep))
        }
        let statuses = results.map(\.status)
        let status: ActionRunStatus
        if statuses.allSatisfy({ $0 == .succeeded }) {
            status = .succeeded
        } else if statuses.contains(.succeeded) {
            status = .partial
        } else {
            status = statuses.contains(.timedOut) ? .timedOut : .failed
        }
        let error = results.first(where: { $0.error != nil }).map { "\($0.resource): \($0.error!)" }
        return Outcome(status: status, results: results, error: error)
    }

    private func execute(_ plan: ActionPlan, resource: PlannedResource, dryRun: Bool, force: Bool,
                         onStep: (ActionStepRecord) throws -> Void) throws -> ActionResourceResult {
        var values = plan.values[resource.id] ?? TemplateValues()
        var captures: [String: String] = [:]
        func finish(_ status: ActionRunStatus, _ error: String?) -> ActionResourceResult {
            ActionResourceResult(resource: resource.id, status: status, captures: captures, error: error)
        }
        for stage in plan.stages {
            if dryRun && stage == .verify { continue }
            if stage == .change && !force {
                for requirement in plan.definition.requires where values.isEmpty(requirement.value) {
                    return finish(.failed, requirement.reason)
                }
            }
            let changes = stage == .change || stage == .undo
            for step in plan.definition.steps(of: stage) where step.kinds.isEmpty || step.kinds.contains(resource.kind) {
                if let name = step.when, values.isEmpty(name) { continue }
                if let name = step.unless, !values.isEmpty(name) { continue }
                var stepValues = values
                stepValues.set("step-name", string: Self.stepName(plan: plan, step: step))
                var arguments: [String] = []
                var renderProblem: TemplateValues.RenderError?
                for argument in step.arguments {
                    do { arguments += try stepValues.render(argument) } catch {
                        renderProblem = error
                        arguments.append(ActionPlanner.display(argument))
                    }
                }
                func record(_ outcome: ActionStepRecord.Outcome, _ call: AWSCallResult?, error: String?) throws {
                    try onStep(ActionStepRecord(
                        resource: resource.id, step: step.name, stage: stage.rawValue,
                        argv: call?.arguments ?? runner.fullArguments(arguments, region: resource.region), outcome: outcome,
                        exitCode: call?.exitCode, durationMs: call?.durationMs ?? 0,
                        stdout: capped(call?.stdout ?? ""), stderr: capped(call?.stderr ?? ""), error: error))
                }
                switch renderProblem {
                case .missing(let name)? where dryRun:
                    try record(.skipped, nil, error: "dry run: {\(name)} would come from an earlier step")
                    continue
                case .missing(let name)?:
                    let reason = "no value for {\(name)}"
                    try record(.failed, nil, error: reason)
                    return finish(.failed, "\(step.name): \(reason)")
                case .refused(let reason)?:
                    try record(.failed, nil, error: reason)
                    return finish(.failed, "\(step.name): \(reason)")
                case nil:
                    break
                }
                if dryRun && changes {
                    guard step.supportsDryRun else {
                        try record(.skipped, nil, error: "dry run: this API has no dry run, so it was not called")
                        continue
                    }
                    arguments.append("--dry-run")
                }

                let call: AWSCallResult
                do {
                    call = try runner.run(arguments, region: resource.region)
                } catch {
                    try record(.failed, nil, error: error.description)
                    return finish(.failed, error.description)
                }
                var outcome: ActionStepRecord.Outcome = call.succeeded ? .succeeded : .failed
                var problem = call.failure?.description
                var output: Any? = call.succeeded ? Self.parse(call.stdout) : nil
                if call.timedOut {
                    outcome = .timedOut
                } else if dryRun && changes {
                    if call.failure?.isDryRunSuccess == true { outcome = .succeeded; problem = nil }
                } else if case .service(let code, _, _)? = call.failure, step.tolerate.contains(code) {
                    outcome = .succeeded
                    problem = nil
                    output = NSNull()
                }
                if outcome == .succeeded && stage == .verify, let mismatch = verification(step, output: output, values: stepValues) {
                    outcome = .failed
                    problem = mismatch
                }
                try record(outcome, call, error: problem)
                guard outcome == .succeeded else {
                    return finish(outcome == .timedOut ? .timedOut : .failed, "\(step.name): \(problem ?? "failed")")
                }
                if let name = step.capture, !(dryRun && changes) {
                    let json = TemplateValues.canonical(output ?? NSNull())
                    values.set(name, json: json)
                    captures[name] = json
                }
            }
        }
        return finish(.succeeded, nil)
    }

    /// Why a verification step's output is not what the definition expects, or nil when it is.
    private func verification(_ step: ActionStep, output: Any?, values: TemplateValues) -> String? {
        let actual = output ?? NSNull()
        do {
            if let expect = step.expect {
                let wanted = try values.fill(json: expect)
                if TemplateValues.canonical(TemplateValues.normalized(wanted)) != TemplateValues.canonical(TemplateValues.normalized(actual)) {
                    return "verification failed: expected \(TemplateValues.canonical(wanted)), AWS says \(TemplateValues.canonical(actual))"
                }
            }
            if let includes = step.expectIncludes {
                let wanted = try values.fill(json: includes)
                let list = (actual as? [Any]) ?? []
                if !list.contains(where: { TemplateValues.canonical($0) == TemplateValues.canonical(wanted) }) {
                    return "verification failed: \(TemplateValues.canonical(wanted)) is not in \(TemplateValues.canonical(actual))"
                }
            }
        } catch {
            return "verification failed: a value it needs was not recorded"
        }
        return nil
    }

    static func parse(_ stdout: String) -> Any {
        let trimmed = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return NSNull() }
        return (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])) ?? trimmed
    }

    private func capped(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.count > recordedOutputLimit else { return text }
        let kept = String(decoding: bytes.prefix(recordedOutputLimit), as: UTF8.self)
        return kept + "\n…[\(bytes.count - recordedOutputLimit) more bytes not recorded]"
    }
}
