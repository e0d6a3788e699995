import Foundation
import IncidentModel

/// Turns a catalog action, resources of an incident and parameters into an
/// `ActionPlan`, refusing anything that does not fit before any call is made.
public struct ActionPlanner: Sendable {
    public var runner: AWSCLIRunner

    public init(runner: AWSCLIRunner) {
        self.runner = runner
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
        let parameters = try Self.parameters(of: definition, given: given)
        let runID = state.nextActionRunID
        var values: [String: TemplateValues] = [:]
        for resource in resources {
            var resourceValues = try resource.builtins(incident: state.incident.id, run: runID)
            for parameter in definition.parameters {
                guard let value = parameters[parameter.name] else { continue }
                if parameter.shape == .port { resourceValues.set(parameter.name, json: value) } else { resourceValues.set(parameter.name, string: value) }
            }
            values[resource.id] = resourceValues
        }
        var confirmation: String?
        if definition.risk == .destructive, let template = definition.confirm {
            confirmation = template.replacingOccurrences(of: "{resource}", with: resources.map(\.cliID).joined(separator: " "))
        }
        var plan = ActionPlan(definition: definition, incident: state.incident.id, runID: runID, resources: resources,
                              parameters: parameters, values: values, stages: [.record, .change, .verify], calls: [],
                              confirmationText: confirmation, undoes: nil)
        plan.calls = calls(for: plan)
        return plan
    }

    /// The plan for undoing `run`, from what it recorded.
    public func undoPlan(_ definition: ActionDefinition, run: ActionRun, in state: IncidentState) throws -> ActionPlan {
        guard definition.isUndoable else {
            throw IncidentError.conflict("\(definition.id) is \(definition.risk.rawValue) and has no undo")
        }
        let runID = state.nextActionRunID
        var resources: [PlannedResource] = []
        var values: [String: TemplateValues] = [:]
        for id in run.resources {
            let resource = try state.resource(matching: id)
            let planned = try PlannedResource(resource)
            resources.append(planned)
            var resourceValues = try planned.builtins(incident: state.incident.id, run: runID)
            for parameter in definition.parameters {
                guard let value = run.parameters[parameter.name] else { continue }
                if parameter.shape == .port { resourceValues.set(parameter.name, json: value) } else { resourceValues.set(parameter.name, string: value) }
            }
            for (name, json) in run.captures(for: resource.id) { resourceValues.set(name, json: json) }
            values[planned.id] = resourceValues
        }
        var plan = ActionPlan(definition: definition, incident: state.incident.id, runID: runID, resources: resources,
                              parameters: run.parameters, values: values, stages: [.undo], calls: [],
                              confirmationText: nil, undoes: run.runID)
        plan.calls = calls(for: plan)
        return plan
    }

    static func parameters(of definition: ActionDefinition, given: [String: String]) throws -> [String: String] {
        if let unknown = given.keys.sorted().first(where: { name in !definition.parameters.contains { $0.name == name } }) {
            let known = definition.parameters.map(\.name)
            throw IncidentError.invalidInput("\(definition.id) has no parameter '\(unknown.terminalSafe)'" + (known.isEmpty ? "" : "; it takes \(known.joined(separator: ", "))"))
        }
        var result: [String: String] = [:]
        for parameter in definition.parameters {
            if let value = given[parameter.name] {
                result[parameter.name] = try parameter.validate(value)
            } else if let value = parameter.defaultValue {
                result[parameter.name] = value
            } else if parameter.required {
                throw IncidentError.invalidInput("\(definition.id) needs --param \(parameter.name)=… (\(parameter.summary))")
            }
        }
        return result
    }

    /// Every call of the plan, rendered as far as the values known now allow.
    func calls(for plan: ActionPlan) -> [ActionPlan.Call] {
        var calls: [ActionPlan.Call] = []
        for resource in plan.resources {
            let values = plan.values[resource.id] ?? TemplateValues()
            for stage in plan.stages {
                for step in plan.definition.steps(of: stage) where step.kinds.isEmpty || step.kinds.contains(resource.kind) {
                    var stepValues = values
                    stepValues.set("step-name", string: ActionExecutor.stepName(plan: plan, step: step))
                    var arguments: [String] = []
                    var complete = true
                    for argument in step.arguments {
                        do {
                            arguments += try stepValues.render(argument)
                        } catch {
                            complete = false
                            arguments += [Self.display(argument)]
                        }
                    }
                    let full = complete ? runner.fullArguments(arguments, region: resource.region) : arguments
                    var condition: String?
                    if let name = step.when { condition = "only when \(name) is recorded" }
                    if let name = step.unless { condition = "only when \(name) is empty" }
                    calls.append(.init(resource: resource.id, stage: stage, step: step.name, arguments: full, complete: complete, condition: condition))
                }
            }
        }
        return calls
    }

    static func display(_ argument: ArgumentTemplate) -> String {
        switch argument {
        case .literal(let text): return text
        case .placeholder(let name): return "{\(name)}"
        case .spread(let name): return "{\(name)...}"
        case .json(let text): return text
        }
    }
}
