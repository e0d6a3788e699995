import Foundation
import IncidentModel

/// Turns a catalog action, resources of an incident and parameters into an
/// `ActionPlan`, refusing anything that does not fit before any call is made.
public struct ActionPlanner: Sendable {
    public var runner: AWSCLIRunner
    /// The clock `{now}` and relative times read; tests pin it.
    public var clock: @Sendable () -> Date
    /// Who the calls are made as (`CallerLookup`), learnt once before planning;
    /// a plan of an action that guards the caller carries it and its conflicts.
    public var caller: CallerIdentity?

    public init(runner: AWSCLIRunner, clock: @escaping @Sendable () -> Date = { Date() }, caller: CallerIdentity? = nil) {
        self.runner = runner
        self.clock = clock
        self.caller = caller
    }

    /// The plan for running `definition` on `resourceIDs` of `state`.
    public func plan(_ definition: ActionDefinition, resources resourceIDs: [String], in state: IncidentState,
                     parameters given: [String: String] = [:]) throws -> ActionPlan {
        guard !resourceIDs.isEmpty else { throw IncidentError.invalidInput("name at least one resource") }
        var resources: [PlannedResource] = []
        for text in resourceIDs {
            let resource = try state.resource(matching: text)
            guard definition.kinds.contains(resource.kind) else {
                throw IncidentError.invalidInput("\(definition.id) applies to \(definition.kinds.map(\.rawValue).joined(separator: ", ")), not to \(resource.id.terminalSafe) (\(resource.kind.rawValue))")
            }
            if resources.contains(where: { $0.id == resource.id }) { continue }
            resources.append(try PlannedResource(resource))
        }
        let now = clock()
        let parameters = try Self.parameters(of: definition, given: given, now: now)
        let runID = state.nextActionRunID
        var values: [String: TemplateValues] = [:]
        for resource in resources {
            var resourceValues = try resource.builtins(incident: state.incident.id, run: runID, now: now)
            resourceValues.set("incident-opened", string: Self.awsTime(state.incident.openedAt))
            let regions = state.incident.regions.isEmpty ? [resource.region].compactMap { $0 } : state.incident.regions
            resourceValues.set("incident-regions", json: TemplateValues.canonical(regions))
            if let run = IncidentEvidence.run(thatCreated: resource.cliID, in: state) { resourceValues.set("evidence-run", string: run) }
            for parameter in definition.parameters {
                guard let value = parameters[parameter.name] else { continue }
                resourceValues.set(parameter, value: value)
            }
            if definition.guardsCaller, let caller {
                resourceValues.set("caller-arn", string: caller.arn)
                resourceValues.set("caller-userid-pattern", string: caller.userIDPattern)
            }
            values[resource.id] = resourceValues
        }
        var confirmation: String?
        if definition.risk == .destructive, var text = definition.confirm {
            text = text.replacingOccurrences(of: "{resource}", with: resources.map(\.cliID).joined(separator: " "))
            for (name, value) in parameters { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
            confirmation = text
        }
        var plan = ActionPlan(definition: definition, incident: state.incident.id, runID: runID, resources: resources,
                              parameters: parameters, values: values, stages: [.preview, .record, .change, .verify], calls: [],
                              confirmationText: confirmation, undoes: nil)
        plan.notices = Self.missingPrecedents(of: definition, for: resources, in: state)
        if !plan.notices.isEmpty {
            let said = resources.compactMap { resource in plan.notices[resource.id].map { "\(resource.id): \($0)" } }
            plan.definition.warning = ([definition.warning].compactMap { $0 } + said).joined(separator: " ")
        }
        plan.calls = try calls(for: plan)
        return guarded(plan)
    }

    /// The plan with the caller and what of it is the caller's own, for an action that guards the caller.
    func guarded(_ plan: ActionPlan) -> ActionPlan {
        guard plan.definition.guardsCaller, plan.undoes == nil else { return plan }
        var plan = plan
        plan.caller = caller
        plan.callerConflicts = caller.map { CallerGuard.conflicts(in: plan, caller: $0) } ?? []
        return plan
    }

    /// The plan for undoing `run`, from what it recorded.
    /// `stages` other than undo re-read what the run did (`ContainmentVerifier` uses `[.verify]`).
    /// `undoParameters` are the definition's `undoParameters` the responder gave (`reactivate=yes`).
    /// `only`: the resources of the run to put back (nil: every one not put back yet); a shared
    /// step that others of the run still need is kept (`SharedUndoSteps`) and the plan says why.
    public func undoPlan(_ definition: ActionDefinition, run: ActionRun, only: [String]? = nil, in state: IncidentState,
                         stages: [ActionStage] = [.undo], undoParameters given: [String: String] = [:]) throws -> ActionPlan {
        guard definition.isUndoable || stages != [.undo] else {
            throw IncidentError.conflict("\(definition.id) is \(definition.risk.rawValue) and has no undo")
        }
        var undoDefinition = definition
        undoDefinition.parameters = definition.undoParameters
        let undoValues = try Self.parameters(of: undoDefinition, given: given, now: clock())
        let runID = state.nextActionRunID
        var resources: [PlannedResource] = []
        var values: [String: TemplateValues] = [:]
        let undoing = stages == [.undo] ? (only ?? run.resourcesToUndo) : (only ?? run.resources)
        for id in undoing {
            let resource = try state.resource(matching: id)
            let planned = try PlannedResource(resource)
            resources.append(planned)
            var resourceValues = try planned.builtins(incident: state.incident.id, run: runID, now: clock())
            resourceValues.set("incident-opened", string: Self.awsTime(state.incident.openedAt))
            for parameter in definition.parameters {
                guard let value = run.parameters[parameter.name] else { continue }
                resourceValues.set(parameter, value: value)
            }
            for (name, json) in run.captures(for: resource.id) { resourceValues.set(name, json: json) }
            for parameter in definition.undoParameters {
                guard let value = undoValues[parameter.name] else { continue }
                resourceValues.set(parameter, value: value)
            }
            values[planned.id] = resourceValues
        }
        var plan = ActionPlan(definition: definition, incident: state.incident.id, runID: runID, resources: resources,
                              parameters: run.parameters.merging(undoValues) { $1 }, values: values, stages: stages, calls: [],
                              confirmationText: nil, undoes: run.runID)
        if stages.contains(.undo), let notice = definition.undoNotice, notice.applies(undoValues) { plan.undoNotice = notice.text }
        if stages.contains(.undo) {
            plan.undoneRunResources = run.resources
            plan.kept = SharedUndoSteps.kept(of: definition, run: run, undoing: resources.map(\.id), values: values, in: state)
                .filter { kept in definition.steps(of: .undo).first { $0.name == kept.step }.map { runs($0, values[kept.resource] ?? TemplateValues()) } ?? false }
        }
        plan.calls = try calls(for: plan)
        return plan
    }

    /// Per resource, what the definition's `precededBy` says when no
    /// successful, real (not dry) run of that action covered the resource in this incident.
    static func missingPrecedents(of definition: ActionDefinition, for resources: [PlannedResource], in state: IncidentState) -> [String: String] {
        var notices: [String: String] = [:]
        for resource in resources {
            let missing = definition.precededBy.filter { precedent in
                !state.actionRuns.contains { run in
                    run.action == precedent.action && !run.dryRun && run.undoes == nil
                        && run.results.contains { $0.resource == resource.id && $0.status == .succeeded }
                }
            }
            if !missing.isEmpty { notices[resource.id] = missing.map(\.otherwise).joined(separator: " ") }
        }
        return notices
    }

    /// A time as EC2 prints its own through the CLI (`2026-05-01T09:30:00.000Z`), so a
    /// query can compare the two as strings (`StartTime >= {incident-opened}`); cut to
    /// the whole second, since some endpoints print times without their milliseconds.
    static func awsTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date).replacingOccurrences(of: "Z", with: ".000Z")
    }

    static func parameters(of definition: ActionDefinition, given: [String: String], now: Date) throws -> [String: String] {
        if let unknown = given.keys.sorted().first(where: { name in !definition.parameters.contains { $0.name == name } }) {
            let known = definition.parameters.map(\.name)
            throw IncidentError.invalidInput("\(definition.id) has no parameter '\(unknown.terminalSafe)'" + (known.isEmpty ? "" : "; it takes \(known.joined(separator: ", "))"))
        }
        var result: [String: String] = [:]
        for parameter in definition.parameters {
            if let value = given[parameter.name] {
                result[parameter.name] = try parameter.validate(value, now: now)
            } else if let value = parameter.defaultValue {
                result[parameter.name] = try parameter.validate(value, now: now)
            } else if parameter.required {
                throw IncidentError.invalidInput("\(definition.id) needs --param \(parameter.name)=… (\(parameter.summary))")
            }
        }
        return result
    }

    /// Makes the preview's read-only calls (a plan for `ec2.quarantine-subnet`
    /// reads which other instances share the subnet) and returns the plan with
    /// what they found as known values and the definition's notice filled in.
    /// Records nothing; a plan without preview steps comes back unchanged.
    ///
    /// The notices are also appended to the plan's copy of the definition's
    /// warning, so every place that shows a plan's warning shows them.
    public func preview(_ plan: ActionPlan, executor: ActionExecutor? = nil) throws -> ActionPlan {
        guard !plan.definition.preview.isEmpty, !plan.stages.contains(.undo) else { return plan }
        var previewPlan = plan
        previewPlan.stages = [.preview]
        let outcome = try (executor ?? ActionExecutor(runner: runner)).execute(previewPlan) { _ in }
        var result = plan
        var found: [String: String] = [:]
        for item in outcome.results {
            var values = result.values[item.resource] ?? TemplateValues()
            for (name, json) in item.captures { values.set(name, json: json) }
            result.values[item.resource] = values
            let kind = plan.resources.first { $0.id == item.resource }?.kind
            guard let notice = kind.flatMap(plan.definition.notice(for:)) ?? plan.definition.notice else { continue }
            found[item.resource] = item.status == .succeeded ? Self.say(notice, values: values)
                : "could not be checked before running (\(item.error ?? "failed")); \(Self.say(notice, values: values))"
            // A notice the plan already had (a missing precedent) stays first.
            result.notices[item.resource] = [plan.notices[item.resource], found[item.resource]].compactMap { $0 }.joined(separator: " ")
        }
        result.previewed = true
        ActionPreviewFindings.apply(to: &result)
        // The plan's warning already says its earlier notices (missing precedents): add what the preview found.
        let said = result.resources.compactMap { resource -> String? in
            guard let now = result.notices[resource.id], now != plan.notices[resource.id] else { return nil }
            let earlier = plan.notices[resource.id] ?? ""
            let fresh = now.hasPrefix(earlier) ? now.dropFirst(earlier.count).trimmingCharacters(in: CharacterSet(charactersIn: " ;")) : now
            return "\(resource.id): \(fresh)"
        }
        if !said.isEmpty {
            result.definition.warning = ([plan.definition.warning].compactMap { $0 } + said).joined(separator: " ")
        }
        result.calls = try calls(for: result)
        return guarded(result)
    }

    /// A notice with `{name}` replaced for people: text as is, lists joined with ", ", nothing as "none".
    static func say(_ template: String, values: TemplateValues) -> String {
        PlanText.say(template, values: values)
    }

    /// Every call of the plan, rendered as far as the values known now allow;
    /// a batched step's calls merged as the executor will merge them. A value
    /// known now that cannot stand where it goes (one the CLI would read as a
    /// file, a flag, a list where one argument goes) refuses the whole plan,
    /// so nothing is recorded or run.
    func calls(for plan: ActionPlan) throws -> [ActionPlan.Call] {
        var calls: [ActionPlan.Call] = []
        // Compensation is shown where it would run: after the changes, only if one fails.
        let stages = plan.stages + (plan.stages.contains(.change) && !plan.definition.compensate.isEmpty ? [.compensate] : [])
        for resource in plan.resources {
            let values = plan.values[resource.id] ?? TemplateValues()
            for stage in stages {
                for step in plan.definition.steps(of: stage) where step.kinds.isEmpty || step.kinds.contains(resource.kind) {
                    if stage == .preview && plan.previewed { continue }
                    // Left for the undo of the last resource sharing it: said apart (`ActionPlanText`), never run.
                    if stage == .undo, plan.kept(step.name, for: resource.id) != nil { continue }
                    // An undo parameter is known now: a step it rules out is not shown as if it might run.
                    if stage == .undo, [step.when, step.unless].contains(where: { name in plan.definition.undoParameters.contains { $0.name == name } }),
                       !runs(step, values) { continue }
                    if let derivation = step.derivation {
                        calls.append(.init(resource: resource.id, resources: [resource.id], stage: stage, step: step.name, arguments: [],
                                           complete: false, condition: derivation.display))
                        continue
                    }
                    // A repeated step: one call per item known now, or one templated call "for each".
                    let repeated: [StepRepetition.Element?]
                    var templated = false
                    switch StepRepetitionRun.elements(of: step, values: values) {
                    case .success(let elements): repeated = elements
                    case .failure: repeated = [nil]; templated = true
                    }
                    for element in repeated {
                    var stepValues = values
                    for (name, json) in element?.values ?? [:] { stepValues.set(name, json: json) }
                    if element != nil, !Self.itemConditionsHold(step, stepValues) { continue }
                    stepValues.set("step-name", string: ActionExecutor.stepName(plan: plan, step: step, resource: resource.id, values: stepValues))
                    var arguments: [String] = []
                    var complete = true
                    for argument in step.arguments {
                        do {
                            arguments += try stepValues.render(argument)
                        } catch .refused(let reason) where runs(step, stepValues) {
                            throw IncidentError.invalidInput("\(plan.definition.id), step \(step.name) for \(resource.id.terminalSafe): \(reason)")
                        } catch {
                            complete = false
                            arguments += [Self.display(argument)]
                        }
                    }
                    let region = step.callRegion(stepValues, fallback: resource.region).region ?? resource.region
                    // Every flag the runner adds, shown even beside a value still to be captured.
                    let full = SecretMask(values.secrets).apply(to: runner.fullArguments(arguments, region: region))
                    var condition: String?
                    if let name = step.when { condition = "only when \(name) is recorded" }
                    if let name = step.unless { condition = "only when \(name) is empty" }
                    if step.batch { condition = [condition, "one call for every resource it applies to"].compactMap { $0 }.joined(separator: "; ") }
                    if let shared = step.shareBy { condition = [condition, "one call per \(shared) for the resources that share it"].compactMap { $0 }.joined(separator: "; ") }
                    if let poll = step.poll { condition = [condition, poll.summary].compactMap { $0 }.joined(separator: "; ") }
                    if let kind = step.evidence { condition = [condition, "output kept whole as evidence (\(kind.rawValue)) with its SHA-256"].compactMap { $0 }.joined(separator: "; ") }
                    if let repetition = step.repetition, templated {
                        let each = "for each \(repetition.item) of \(repetition.list)" + (repetition.among.map { " that is in \($0)" } ?? "")
                        condition = [each, condition].compactMap { $0 }.joined(separator: "; ")
                    }
                    if stage == .compensate { condition = ["only if a change fails", condition].compactMap { $0 }.joined(separator: "; ") }
                    calls.append(.init(resource: resource.id, resources: [resource.id], stage: stage, step: step.name, arguments: full,
                                       complete: complete, condition: condition, item: element?.key))
                    }
                }
            }
        }
        return Self.mergeBatches(calls, plan: plan)
    }

    /// For one known item of a repeated step: false when its `when` or
    /// `unless` names a field of the item and rules it out (the IPv6 step of
    /// an IPv4 CIDR); conditions on other values are said, not decided.
    private static func itemConditionsHold(_ step: ActionStep, _ values: TemplateValues) -> Bool {
        guard let repetition = step.repetition else { return true }
        if let name = step.when, repetition.gives(name), values.isEmpty(name) { return false }
        if let name = step.unless, repetition.gives(name), !values.isEmpty(name) { return false }
        return true
    }

    /// Whether `step` would run with `values` as they are known now (its `when` and `unless`).
    private func runs(_ step: ActionStep, _ values: TemplateValues) -> Bool {
        if let name = step.when, values.isEmpty(name) { return false }
        if let name = step.unless, !values.isEmpty(name) { return false }
        return true
    }

    /// Folds the calls of batched steps into one per step as the executor does
    /// when their other arguments match; the merged call stands where the first was.
    static func mergeBatches(_ calls: [ActionPlan.Call], plan: ActionPlan) -> [ActionPlan.Call] {
        let steps = ActionStage.allCases.flatMap { plan.definition.steps(of: $0) }
        let batched = Set(steps.filter(\.batch).map(\.name))
        let shared = Set(steps.filter { $0.shareBy != nil }.map(\.name))
        guard !batched.isEmpty || !shared.isEmpty, plan.resources.count > 1 else { return calls }
        var result: [ActionPlan.Call] = []
        var mergedInto: [String: Int] = [:]
        let ids = Set(plan.resources.map(\.cliID))
        for call in calls {
            if shared.contains(call.step), call.complete {
                // Identical calls of a shared step are one call for all the resources they cover.
                let key = "\(call.stage.rawValue)/\(call.step)/" + call.arguments.joined(separator: "\u{0}")
                if let index = mergedInto[key] { result[index].resources.append(call.resource) } else {
                    mergedInto[key] = result.count
                    result.append(call)
                }
                continue
            }
            guard batched.contains(call.step), call.complete else { result.append(call); continue }
            // The key: the argv without the collected ids.
            let key = "\(call.stage.rawValue)/\(call.step)/" + call.arguments.filter { !ids.contains($0) }.joined(separator: "\u{0}")
            if let index = mergedInto[key] {
                let newIDs = call.arguments.filter { ids.contains($0) }
                var arguments = result[index].arguments
                let lastID = arguments.lastIndex { ids.contains($0) } ?? arguments.count - 1
                arguments.insert(contentsOf: newIDs, at: lastID + 1)
                result[index].arguments = arguments
                result[index].resources.append(call.resource)
            } else {
                mergedInto[key] = result.count
                result.append(call)
            }
        }
        return result
    }

    static func display(_ argument: ArgumentTemplate) -> String {
        switch argument {
        case .literal(let text): return text
        case .placeholder(let name): return "{\(name)}"
        case .spread(let name): return "{\(name)...}"
        case .json(let text), .query(let text): return text
        }
    }
}
