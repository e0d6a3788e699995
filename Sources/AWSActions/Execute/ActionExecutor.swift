import Foundation
import IncidentModel

/// Runs a plan through the runner: stage by stage and step by step, each
/// step for every resource still going, the calls of one step concurrently
/// (at most `maxConcurrentCalls` `aws` processes at once).
///
/// A step marked `batch` makes one call for all the resources it can (one
/// `stop-instances` with every id); if that call fails, each resource is
/// tried alone, so one bad resource does not fail the others.
///
/// A step with `until` is asked again, `every` seconds, until its answer is
/// terminal (`StepWait`), each answer recorded as a step; an evidence step's
/// output is kept whole by its SHA-256 (`EvidenceKeeping`).
///
/// Each finished call is handed to `onStep` at once, on the calling thread
/// (the command appends it as an `action.step-finished` event), so a run
/// that dies half-way has recorded exactly what it did. A step that fails
/// stops that resource's run; the other resources go on. What `record` and
/// capturing steps saw is returned per resource for undo, and kept in each
/// step's record as well.
///
/// When the runner's `interruption` is set, the call running has its process
/// group killed and is recorded as `interrupted`, no further call starts, and
/// the run ends `interrupted`. When `onStep` fails for a call that ran, the
/// error thrown is `UnrecordedCalls`, naming every call that ran unrecorded.
public struct ActionExecutor: Sendable {
    public var runner: AWSCLIRunner
    /// Bytes of each stream kept in the step's event; the runner's own cap is larger.
    public var recordedOutputLimit: Int
    /// `aws` processes running at once. Each is mostly the CLI's own start-up
    /// (≈ 0.4 s of CPU), so a few at a time is what a small machine gains from.
    public var maxConcurrentCalls: Int
    /// Keeps a whole (redacted) output that is longer than `recordedOutputLimit`
    /// and says where: the command passes the database's body store, so the
    /// step's event carries the hash and nothing of the output is lost. Without
    /// it, what is past the limit is dropped (and the event says how much).
    public var keepBody: (@Sendable (Data) throws -> StoredBody)?

    public init(runner: AWSCLIRunner, recordedOutputLimit: Int = 8192, maxConcurrentCalls: Int = 4,
                keepBody: (@Sendable (Data) throws -> StoredBody)? = nil) {
        self.runner = runner
        self.recordedOutputLimit = recordedOutputLimit
        self.maxConcurrentCalls = maxConcurrentCalls
        self.keepBody = keepBody
    }

    /// How a run ended.
    public struct Outcome: Sendable, Equatable {
        public var status: ActionRunStatus
        /// One per resource, in the plan's order: which succeeded, which did not and why.
        public var results: [ActionResourceResult]
        /// The first failure, one line.
        public var error: String?
        /// For a query (`recordFormat`): per resource, the records its calls
        /// returned, read from their whole output (the recorded stdout is capped).
        public var records: [String: [AWSLogRecord]] = [:]
    }

    /// Recording failed after the AWS CLI had run: AWS may have been changed
    /// by these calls, and the record does not say so.
    public struct UnrecordedCalls: Error, CustomStringConvertible {
        /// Why recording failed (the store's error).
        public var underlying: any Error
        /// The argv (after the binary) of every call that ran and was not recorded.
        public var calls: [[String]]

        public var description: String {
            let made = calls.map { (["aws"] + $0).joined(separator: " ") }.joined(separator: "; ")
            return "recording a step failed after the AWS CLI had run, so AWS may have been changed without the record saying so, by: \(made)"
                .replacingOccurrences(of: "\n", with: " ").terminalSafe
        }
    }

    /// The unique name a step gives what it creates: `firebreak-INC-1-run-3-create-isolation-group`;
    /// in a run over several resources, each resource's own (`…-create-isolation-group-i-0abc…`), since
    /// two instances of one VPC cannot both have a security group of the same name.
    /// A shared step (`shareBy`) names what it makes after the value it is shared by
    /// (`…-create-isolation-group-vpc-0abc…`), one per VPC; `{vpc}` itself until it is known.
    static func stepName(plan: ActionPlan, step: ActionStep, resource: String, values: TemplateValues) -> String {
        let name = "firebreak-\(plan.incident)-\(plan.runID)-\(step.name)"
        guard plan.resources.count > 1 else { return name }
        if let shared = step.shareBy {
            return "\(name)-" + ((values.object(shared) as? String) ?? "{\(shared)}")
        }
        return "\(name)-\(resource)"
    }

    /// One resource's way through the run.
    private struct Progress {
        var resource: PlannedResource
        var values: TemplateValues
        var captures: [String: String] = [:]
        /// Set once the resource is done (failed, or at the end).
        var result: ActionResourceResult?
        var isActive: Bool { result == nil }
    }

    /// One resource's rendered call for a step: the values of each template
    /// argument, and which of them collect ids when calls are batched.
    private struct Ready {
        var index: Int
        /// The region the call goes to (the resource's, or the one the step names).
        var region: String?
        var pieces: [[String]]
        var collects: [Bool]
        /// The repetition's item (`StepRepetition`), nil for a step that is not repeated.
        var item: String? = nil
        /// The item's place in its list: a repeated step's capture lists each item's output in the list's order.
        var position: Int? = nil
        /// The values the call was rendered with (the item's included), which verification reads.
        var values: TemplateValues
        var arguments: [String] { pieces.flatMap { $0 } }
    }

    /// One `aws` call about to be made for one or more resources.
    private struct Call {
        var members: [Int]
        var arguments: [String]
        var region: String?
        var item: String? = nil
        var position: Int? = nil
        var values: TemplateValues
        /// What a batched call was rendered from: one per resource, or per item of a repeated step.
        var parts: [Ready] = []
    }

    /// Runs `plan`. `dryRun` uses the API's own dry run where a step has one,
    /// skips other changes and verification, and changes nothing. `force`
    /// skips the definition's `requires` checks.
    public func execute(_ plan: ActionPlan, dryRun: Bool = false, force: Bool = false,
                        onStep unmasked: (ActionStepRecord) throws -> Void) throws -> Outcome {
        var progress = plan.resources.map { Progress(resource: $0, values: plan.values[$0.id] ?? TemplateValues()) }
        var records: [String: [AWSLogRecord]] = [:]
        // A secret parameter's value is in the calls, never in what is recorded of them.
        let secrets = SecretMask(plan.values.values.flatMap(\.secrets))
        func onStep(_ record: ActionStepRecord) throws { try unmasked(secrets.apply(to: record)) }
        func finish(_ index: Int, _ status: ActionRunStatus, _ error: String?) {
            progress[index].result = ActionResourceResult(resource: progress[index].resource.id, status: status,
                                                          captures: progress[index].captures, error: error.map(secrets.apply))
        }

        var interruptedBefore: String?
        stages: for stage in plan.stages {
            if dryRun && stage == .verify { continue }
            if stage == .change {
                for index in progress.indices where progress[index].isActive {
                    // `--force` skips the forceable ones only.
                    let checked = plan.definition.requires.filter { !force || !$0.forceable }
                    if let reason = checked.lazy.compactMap({ $0.unmet(in: progress[index].values) }).first {
                        finish(index, .failed, reason)
                    }
                }
            }
            let changes = stage == .change || stage == .undo || stage == .compensate
            let changing = progress.indices.filter { stage == .change && progress[$0].isActive }
            for step in plan.definition.steps(of: stage) {
                if runner.interruption?.isInterrupted == true {
                    interruptedBefore = step.name
                    break stages
                }
                var ready: [Ready] = []
                var repetitions: [(index: Int, element: StepRepetition.Element?, position: Int?)] = []
                // A repeated step's outputs per resource, by position, made its capture once every call ended.
                var repeated: [Int: [Int: Any]] = [:]
                for index in progress.indices where progress[index].isActive {
                    let resource = progress[index].resource
                    guard step.kinds.isEmpty || step.kinds.contains(resource.kind) else { continue }
                    // A shared undo step others of the run still need: recorded as kept, with why, not called.
                    if stage == .undo, let kept = plan.kept(step.name, for: resource.id) {
                        try onStep(ActionStepRecord(resource: resource.id, step: step.name, stage: stage.rawValue, argv: [], outcome: .skipped,
                                                    exitCode: nil, durationMs: 0, error: "kept: \(kept.reason)"))
                        continue
                    }
                    // A condition on the step's own values is tested before its list is walked (or needed).
                    if let name = step.when, step.repetition?.gives(name) != true, progress[index].values.isEmpty(name) { continue }
                    if let name = step.unless, step.repetition?.gives(name) != true, !progress[index].values.isEmpty(name) { continue }
                    switch StepRepetitionRun.elements(of: step, values: progress[index].values) {
                    case .success(let found):
                        if step.repetition != nil { repeated[index] = [:] }
                        repetitions += found.enumerated().map { (index, $0.element, step.repetition == nil ? nil : $0.offset) }
                    case .failure(let problem):
                        let record = ActionStepRecord(resource: resource.id, step: step.name, stage: stage.rawValue, argv: [],
                                                      outcome: dryRun && problem.isMissing ? .skipped : .failed, exitCode: nil, durationMs: 0,
                                                      error: dryRun && problem.isMissing ? "dry run: \(problem.text) would come from an earlier step" : problem.text)
                        try onStep(record)
                        if record.outcome == .failed && stage != .compensate { finish(index, .failed, "\(step.name): \(problem.text)") }
                    }
                }
                // One call per resource, or per item of a repeated step.
                for (index, element, position) in repetitions where progress[index].isActive {
                    let resource = progress[index].resource
                    var stepValues = progress[index].values
                    for (name, json) in element?.values ?? [:] { stepValues.set(name, json: json) }
                    if let name = step.when, stepValues.isEmpty(name) { continue }
                    if let name = step.unless, !stepValues.isEmpty(name) { continue }
                    if let derivation = step.derivation {
                        let derived = StepRepetitionRun.derive(derivation, step: step, stage: stage, resource: resource.id, values: stepValues)
                        try onStep(derived.record)
                        if let json = derived.json, let name = step.capture {
                            progress[index].values.set(name, json: json)
                            progress[index].captures[name] = json
                        } else if stage != .compensate {
                            finish(index, .failed, "\(step.name): \(derived.record.error ?? "failed")")
                        }
                        continue
                    }
                    stepValues.set("step-name", string: Self.stepName(plan: plan, step: step, resource: resource.id, values: stepValues))
                    var pieces: [[String]] = []
                    var collects: [Bool] = []
                    var renderProblem: TemplateValues.RenderError?
                    for argument in step.arguments {
                        do { pieces.append(try stepValues.render(argument)) } catch {
                            renderProblem = error
                            pieces.append([ActionPlanner.display(argument)])
                        }
                        switch argument {
                        case .placeholder("resource"), .spread: collects.append(true)
                        // A batched repeated step collects every item's id into its one call.
                        case .placeholder(let name) where step.batch && step.repetition?.gives(name) == true: collects.append(true)
                        default: collects.append(false)
                        }
                    }
                    let arguments = pieces.flatMap { $0 }
                    let unrun = { (outcome: ActionStepRecord.Outcome, error: String) in
                        ActionStepRecord(resource: resource.id, step: step.name, stage: stage.rawValue,
                                         argv: runner.fullArguments(arguments, region: resource.region), outcome: outcome,
                                         exitCode: nil, durationMs: 0, error: error, item: element?.key)
                    }
                    switch renderProblem {
                    case .missing(let name)? where dryRun:
                        try onStep(unrun(.skipped, "dry run: {\(name)} would come from an earlier step"))
                        continue
                    case .missing(let name)?:
                        try onStep(unrun(.failed, "no value for {\(name)}"))
                        if stage != .compensate { finish(index, .failed, "\(step.name)\(Self.failedOn(element?.key)): no value for {\(name)}") }
                        continue
                    case .refused(let reason)?:
                        try onStep(unrun(.failed, reason))
                        if stage != .compensate { finish(index, .failed, "\(step.name)\(Self.failedOn(element?.key)): \(reason)") }
                        continue
                    case nil:
                        break
                    }
                    if dryRun && changes {
                        guard step.supportsDryRun else {
                            try onStep(unrun(.skipped, "dry run: this API has no dry run, so it was not called"))
                            continue
                        }
                        pieces.append(["--dry-run"])
                        collects.append(false)
                    }
                    let (region, refusedRegion) = step.callRegion(stepValues, fallback: resource.region)
                    if let refusedRegion {
                        try onStep(unrun(.failed, refusedRegion))
                        if stage != .compensate { finish(index, .failed, "\(step.name)\(Self.failedOn(element?.key)): \(refusedRegion)") }
                        continue
                    }
                    ready.append(Ready(index: index, region: region, pieces: pieces, collects: collects, item: element?.key, position: position, values: stepValues))
                }

                let pool = BoundedCallPool<Result<AWSCallResult, AWSCLIFailure>>(limit: maxConcurrentCalls)
                var calls: [Call] = []
                func submit(_ call: Call, after delay: TimeInterval = 0) {
                    calls.append(call)
                    let runner = runner
                    pool.submit(calls.count - 1) {
                        // A repeated step's next question waits here, woken by an interruption.
                        if delay > 0, StepWait.pause(delay, interruption: runner.interruption) { return .failure(.interrupted(started: false)) }
                        return Result { () throws(AWSCLIFailure) in try runner.run(call.arguments, region: call.region) }
                    }
                }
                var waitStarted: [Int: Date] = [:]
                for call in Self.calls(for: ready, step: step, regions: progress.map(\.resource.region)) {
                    submit(call)
                }
                var recording: (argv: [String], ran: Bool)?
                do {
                    while let (tag, result) = pool.next() {
                        let call = calls[tag]
                        let ids = call.members.map { progress[$0].resource.id }
                        let first = call.members[0]
                        if case .failure(.interrupted(started: false)) = result {
                            // Never started: nothing to record but that the resource stopped here.
                            for member in call.members where progress[member].isActive { finish(member, .interrupted, "interrupted before \(step.name) started") }
                            continue
                        }
                        var handled = handle(result, step: step, stage: stage, dryRun: dryRun, changes: changes,
                                             values: call.values, verify: call.members.count == 1 && !step.keyed)
                        // A keyed answer (`[[id, value], …]`): each part takes its own value, verified on its own.
                        var keyedParts: [(part: Ready, value: Any?, problem: String?)] = []
                        if step.keyed, handled.outcome == .succeeded, handled.call != nil, !(dryRun && changes) {
                            let answer = Self.answerByKey(handled.output)
                            let parts = call.parts.isEmpty ? ready.filter { $0.index == first && $0.item == call.item } : call.parts
                            for part in parts {
                                let key = part.item ?? progress[part.index].resource.cliID
                                guard let value = answer[key] else { keyedParts.append((part, nil, "AWS's answer names no \(key)")); continue }
                                let mismatch = stage == .verify || stage == .compensate ? verification(step, output: value, values: part.values) : nil
                                keyedParts.append((part, value, mismatch))
                            }
                            if keyedParts.count == 1 {
                                // One part: the call's own record says it all.
                                handled.output = keyedParts[0].value
                                if let problem = keyedParts[0].problem { (handled.outcome, handled.problem) = (.failed, problem) }
                                keyedParts = []
                            }
                        }
                        if handled.outcome == .succeeded, stage == .change, let format = plan.definition.recordFormat, let output = handled.call?.stdout {
                            do {
                                records[ids[0], default: []] += try format.records(from: output)
                            } catch {
                                handled.outcome = .failed
                                handled.problem = "\(error)"
                            }
                        }
                        var waitAgain = false
                        if let poll = step.poll, let made = handled.call, !(dryRun && changes) {
                            let started = waitStarted[first] ?? Date().addingTimeInterval(-made.duration)
                            waitStarted[first] = started
                            switch StepWait.judge(poll, succeeded: handled.outcome == .succeeded, failure: made.failure, output: handled.output,
                                                  elapsed: Date().timeIntervalSince(started)) {
                            case .again: (waitAgain, handled.outcome, handled.problem) = (true, .succeeded, nil)
                            case .failed(let reason): (handled.outcome, handled.problem) = (.failed, reason)
                            case .done, .unjudged: break
                            }
                        }
                        var evidence: EvidenceKeeping.Kept?
                        if let kind = step.evidence, handled.outcome == .succeeded, !(dryRun && changes) {
                            switch try EvidenceKeeping(keepBody: keepBody).keep(kind, output: handled.output, truncated: handled.call?.truncated == true) {
                            case .success(let kept): evidence = kept
                            case .failure(let problem): (handled.outcome, handled.problem) = (.failed, problem.reason)
                            }
                        }
                        var captured: [String: String]?
                        if handled.outcome == .succeeded, let name = step.capture, !(dryRun && changes),
                           call.members.count == 1 || step.shareBy != nil, keyedParts.isEmpty, !waitAgain {
                            // Evidence is kept in the body store; what the step captures is its hash.
                            captured = [name: TemplateValues.canonical(evidence.map { $0.body.sha256 } ?? handled.output ?? NSNull())]
                        }
                        if let position = call.position {
                            // One item's output: the step's capture is the whole list, set once every call ended.
                            if captured != nil { repeated[first]?[position] = handled.output ?? NSNull() }
                            captured = nil
                        }
                        let argv = handled.call?.arguments ?? runner.fullArguments(call.arguments, region: call.region)
                        recording = (argv, handled.call != nil)
                        let stdout = try evidence.map { ($0.note, $0.body) } ?? kept(handled.call?.stdout ?? ""), stderr = try kept(handled.call?.stderr ?? "")
                        try onStep(ActionStepRecord(
                            resource: ids[0], step: step.name, stage: stage.rawValue,
                            argv: argv,
                            outcome: handled.outcome, exitCode: handled.call?.exitCode, durationMs: handled.call?.durationMs ?? 0,
                            stdout: stdout.text, stderr: stderr.text,
                            error: handled.problem, batch: call.members.count > 1 ? ids : nil,
                            stdoutBody: stdout.body, stderrBody: stderr.body, captures: captured, evidence: evidence.map { _ in true }, item: call.item))
                        recording = nil
                        if waitAgain {
                            submit(call, after: step.poll!.every)
                        } else if handled.outcome == .succeeded && !keyedParts.isEmpty {
                            // Each part's value from the one answer, recorded as its own (argv empty: no call of its own),
                            // so verification says which item failed and undo reads each resource's capture.
                            for (part, value, problem) in keyedParts {
                                let json = value.map(TemplateValues.canonical)
                                let captures = problem == nil && part.position == nil ? step.capture.map { [$0: json ?? "null"] } : nil
                                try onStep(ActionStepRecord(resource: progress[part.index].resource.id, step: step.name, stage: stage.rawValue,
                                                            argv: [], outcome: problem == nil ? .succeeded : .failed, exitCode: nil, durationMs: 0,
                                                            stdout: json ?? "", error: problem, captures: captures, item: part.item))
                                if let problem {
                                    if stage != .compensate, progress[part.index].isActive {
                                        finish(part.index, .failed, "\(step.name)\(Self.failedOn(part.item)): \(problem)")
                                    }
                                } else if let position = part.position {
                                    repeated[part.index]?[position] = value ?? NSNull()
                                } else if let captures {
                                    for (name, json) in captures {
                                        progress[part.index].values.set(name, json: json)
                                        progress[part.index].captures[name] = json
                                    }
                                }
                            }
                        } else if handled.outcome == .succeeded {
                            // A shared call's answer is each member's.
                            for member in call.members {
                                for (name, json) in captured ?? [:] {
                                    progress[member].values.set(name, json: json)
                                    progress[member].captures[name] = json
                                }
                            }
                        } else if max(call.members.count, call.parts.count) > 1 && handled.outcome == .failed && handled.call != nil && step.shareBy == nil
                                    && runner.interruption?.isInterrupted != true {
                            // Which of them made the batch fail? Ask for each alone.
                            for alone in call.parts {
                                submit(Call(members: [alone.index], arguments: alone.arguments, region: call.region, item: alone.item,
                                            position: alone.position, values: alone.values))
                            }
                        } else if stage == .compensate {
                            // Compensation goes on: each of its steps is a separate attempt at a safe state.
                            continue
                        } else {
                            let status: ActionRunStatus = switch handled.outcome {
                            case .timedOut: .timedOut
                            case .interrupted: .interrupted
                            default: .failed
                            }
                            for member in call.members where progress[member].isActive {
                                finish(member, status, "\(step.name)\(Self.failedOn(call.item)): \(handled.problem ?? "failed")")
                            }
                        }
                    }
                } catch {
                    // Calls still running finish (a change half-sent cannot be called back); they ran unrecorded too.
                    let others = pool.drain().compactMap { _, result in try? result.get().arguments }
                    let ran = (recording?.ran == true ? [recording!.argv] : []) + others
                    if ran.isEmpty { throw error }
                    throw UnrecordedCalls(underlying: error, calls: ran)
                }
                if let name = step.capture, !(dryRun && changes) {
                    for (index, outputs) in repeated where progress[index].isActive {
                        let json = TemplateValues.canonical(outputs.keys.sorted().map { outputs[$0]! })
                        progress[index].values.set(name, json: json)
                        progress[index].captures[name] = json
                    }
                }
            }
            let failed = changing.filter { [.failed, .timedOut].contains(progress[$0].result?.status) }
            if !dryRun && !failed.isEmpty && !plan.definition.compensate.isEmpty && runner.interruption?.isInterrupted != true {
                let said = try compensate(plan, resources: failed.map { (progress[$0].resource, progress[$0].values) }, onStep: onStep)
                for index in failed {
                    guard let line = said[progress[index].resource.id] else { continue }
                    let error = progress[index].result?.error
                    progress[index].result?.error = [error, "compensation: \(line)"].compactMap { $0 }.joined(separator: "; ")
                }
            }
        }
        if let step = interruptedBefore {
            for index in progress.indices where progress[index].isActive { finish(index, .interrupted, "interrupted before \(step) started") }
        }
        for index in progress.indices where progress[index].isActive { finish(index, .succeeded, nil) }

        let results = progress.compactMap(\.result)
        let statuses = results.map(\.status)
        let status: ActionRunStatus
        if statuses.contains(.interrupted) {
            status = .interrupted
        } else if statuses.allSatisfy({ $0 == .succeeded }) {
            status = .succeeded
        } else if statuses.contains(.succeeded) {
            status = .partial
        } else {
            status = statuses.contains(.timedOut) ? .timedOut : .failed
        }
        let error = results.first(where: { $0.error != nil }).map { "\($0.resource): \($0.error!)" }
        return Outcome(status: status, results: results, error: error, records: records)
    }

    /// The calls one step makes: one per resource, or for a batched step one
    /// per group of resources whose arguments differ only where ids are
    /// collected (`{resource}` and spreads) and that share a region.
    private static func calls(for ready: [Ready], step: ActionStep, regions: [String?]) -> [Call] {
        if step.shareBy != nil, ready.count > 1 {
            // The same call for several resources (their shared group's id) is made once for all of them.
            var groups: [(key: [String?], members: [Ready])] = []
            for item in ready {
                let key = item.arguments.map(Optional.some) + [nil, item.region]
                if let found = groups.firstIndex(where: { $0.key == key }) { groups[found].members.append(item) } else { groups.append((key, [item])) }
            }
            return groups.map { group in
                let first = group.members[0]
                return Call(members: group.members.map(\.index), arguments: first.arguments, region: first.region, values: first.values)
            }
        }
        guard step.batch, ready.count > 1 else {
            return ready.map { Call(members: [$0.index], arguments: $0.arguments, region: $0.region, item: $0.item, position: $0.position, values: $0.values) }
        }
        var groups: [(key: [String?], members: [Ready])] = []
        for item in ready {
            let key = zip(item.pieces, item.collects).map { $1 ? nil : $0.joined(separator: "\u{0}") } + [regions[item.index]]
            if let found = groups.firstIndex(where: { $0.key == key }) {
                groups[found].members.append(item)
            } else {
                groups.append((key, [item]))
            }
        }
        return groups.map { group in
            let first = group.members[0]
            if group.members.count == 1 {
                return Call(members: [first.index], arguments: first.arguments, region: first.region, item: first.item, position: first.position,
                            values: first.values, parts: group.members)
            }
            var arguments: [String] = []
            for position in first.pieces.indices {
                if first.collects[position] {
                    // Resources that share a group collect its id once.
                    var seen = Set<String>()
                    arguments += group.members.flatMap { $0.pieces[position] }.filter { seen.insert($0).inserted }
                } else {
                    arguments += first.pieces[position]
                }
            }
            var members: [Int] = []
            for member in group.members where !members.contains(member.index) { members.append(member.index) }
            return Call(members: members, arguments: arguments, region: regions[first.index], values: first.values, parts: group.members)
        }
    }

    /// A `keyed` answer, `[[id, value], …]`, by id; empty for any other shape.
    static func answerByKey(_ output: Any?) -> [String: Any] {
        var found: [String: Any] = [:]
        for pair in (output as? [Any]) ?? [] {
            guard let pair = pair as? [Any], pair.count == 2, let id = pair[0] as? String else { continue }
            found[id] = pair[1]
        }
        return found
    }

    /// How one finished call turned out for the step.
    private struct Handled {
        var call: AWSCallResult?
        var outcome: ActionStepRecord.Outcome
        var problem: String?
        var output: Any?
    }

    private func handle(_ result: Result<AWSCallResult, AWSCLIFailure>, step: ActionStep, stage: ActionStage, dryRun: Bool,
                        changes: Bool, values: TemplateValues, verify: Bool) -> Handled {
        let call: AWSCallResult
        switch result {
        case .failure(let failure): return Handled(call: nil, outcome: .failed, problem: failure.description)
        case .success(let value): call = value
        }
        var outcome: ActionStepRecord.Outcome = call.succeeded ? .succeeded : .failed
        var problem = call.failure?.description
        var output: Any? = call.succeeded ? Self.parse(call.stdout) : nil
        if call.interrupted {
            outcome = .interrupted
        } else if call.timedOut {
            outcome = .timedOut
        } else if dryRun && changes {
            if call.failure?.isDryRunSuccess == true { outcome = .succeeded; problem = nil }
        } else if case .service(let code, _, _)? = call.failure, step.tolerate.contains(code) {
            outcome = .succeeded
            problem = nil
            output = NSNull()
        }
        if outcome == .succeeded && (stage == .verify || stage == .compensate) && verify, let mismatch = verification(step, output: output, values: values) {
            outcome = .failed
            problem = mismatch
        }
        return Handled(call: call, outcome: outcome, problem: problem, output: output)
    }

    /// Why a verification step's output is not what the definition expects, or nil when it is.
    func verification(_ step: ActionStep, output: Any?, values: TemplateValues) -> String? {
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

    /// What a step's event carries of one stream: all of it when short; else
    /// its start, and the whole kept by hash when there is a body store.
    func kept(_ text: String) throws -> (text: String, body: StoredBody?) {
        let bytes = text.utf8
        guard bytes.count > recordedOutputLimit else { return (text, nil) }
        let start = String(decoding: bytes.prefix(recordedOutputLimit), as: UTF8.self)
        if let keepBody {
            let body = try keepBody(Data(bytes))
            return (start + "\n…[\(bytes.count - recordedOutputLimit) more bytes: the whole \(body.bytes) bytes are kept as body \(body.sha256)]", body)
        }
        return (start + "\n…[\(bytes.count - recordedOutputLimit) more bytes not recorded]", nil)
    }
}
