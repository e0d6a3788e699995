import AWSActions
import Console
import Foundation
import IncidentModel
import IncidentStore

/// The console's AWS actions: the same catalog, planner, runner and run flow
/// as `firebreak action plan|run`, so a run from the console records exactly
/// what one from the command line records.
struct CatalogActionService: ConsoleActionService {
    let catalog: ActionCatalog
    let runner: AWSCLIRunner

    func actions(for resources: [Resource]) throws -> [ActionChoice] {
        // Only actions that apply to every chosen resource.
        let kinds = Set(resources.map(\.kind))
        return catalog.actions.filter { definition in kinds.allSatisfy { kind in catalog.actions(for: kind).contains { $0.id == definition.id } } }
            .map { definition in
                ActionChoice(id: definition.id, summary: definition.summary, risk: definition.risk.rawValue,
                             parameters: definition.parameters.map {
                                 ActionChoice.Parameter(name: $0.name, summary: $0.summary, required: $0.required, defaultValue: $0.defaultValue)
                             })
            }
    }

    func preview(action: String, resources: [String], parameters: [String: String], in state: IncidentState) throws -> ActionPreview {
        let planner = ActionPlanner(runner: runner)
        var plan = try planner.plan(try catalog.action(action), resources: resources, in: state, parameters: parameters)
        // The preview's read-only calls name who else is affected (the subnet's
        // other instances, in the plan's warning); when they fail the responder
        // still sees the plan, and why.
        var previewProblem: String?
        do {
            plan = try planner.preview(plan)
        } catch {
            previewProblem = "warning: the preview's read-only calls failed, so who else is affected is unknown: \(error)"
        }
        let definition = plan.definition
        var lines = [definition.summary]
        if let warning = definition.warning { lines.append("warning: \(warning)") }
        if let previewProblem { lines.append(previewProblem) }
        lines += plan.warnings.filter { $0 != definition.warning }.map { "warning: \($0)" }
        lines.append("")
        for call in plan.calls {
            lines.append(ActionOutput.commandLine(call.arguments) + (call.condition.map { "   # \($0)" } ?? ""))
        }
        lines.append("")
        lines.append(definition.isUndoable ? "undo: recorded, from the console or `firebreak action undo`" : "undo: none (\(definition.risk.rawValue))")
        if !parameters.isEmpty {
            lines.insert("parameters: " + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: " "), at: 1)
        }
        return ActionPreview(action: action, resources: resources, lines: lines, confirmationText: plan.confirmationText, parameters: parameters)
    }

    func run(action: String, resources: [String], parameters: [String: String], store: any IncidentEventStore, incident: IncidentID,
             actor: String) throws -> String {
        try ActionAWSOptions.requireCLI(runner)
        let definition = try catalog.action(action)
        let planner = ActionPlanner(runner: runner)
        let run = try ActionRunFlow(store: store, incident: incident, actor: actor, executor: ActionExecutor(runner: runner)).run(
            plan: { state in try planner.plan(definition, resources: resources, in: state, parameters: parameters) },
            dryRun: false, force: false, quiet: true)
        return "\(run.runID) \(action): \(run.status.rawValue)"
    }
}
