import AWSActions
import Console
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations
import IncidentStore

/// The operations behind checklist items that the console reaches through
/// its action service, each the same flow as its command:
/// `firebreak action verify`, `firebreak action undo`, `firebreak report`.
extension CatalogActionService {
    /// `containment.verify` over every containment still in force; one line saying what holds.
    func verifyContainment(store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String {
        let state = try store.state(of: incident)
        guard VerifyContainment.isNeeded(in: state, catalog: catalog),
              let (run, report) = try VerifyContainment.run(incident: incident, store: store, actor: actor, catalog: catalog,
                                                            runner: try runner(for: state.incident)) else {
            return "no containment in force in \(incident) to verify"
        }
        let broken = report.checks.filter { !$0.holds }.map { "\($0.resource) (\($0.runID) \($0.action))" }
        return "\(run.runID) \(ContainmentVerifier.actionID): " + (broken.isEmpty ? "every containment holds" : "no longer holds for \(broken.joined(separator: ", "))")
    }

    func previewUndo(run runID: String, in state: IncidentState) throws -> ActionPreview {
        let state = RunLiveness.settled(state)
        let planner = ActionPlanner(runner: try runner(for: state.incident))
        let original = try state.actionRun(matching: runID)
        let definition = try catalog.action(original.action)
        // The same checks the store makes, before asking anyone anything (as `action undo` does).
        try state.validate(.actionRunStarted(ActionRunStarted(runID: state.nextActionRunID, action: definition.id, risk: definition.risk,
                                                             resources: original.resources, undoes: original.runID)))
        let plan = try planner.undoPlan(definition, run: original, in: state)
        var lines = ["Undo \(original.runID) \(definition.id) from what it recorded"]
        if let notice = plan.undoNotice { lines.append("note: \(notice)") }
        lines += plan.warnings.map { "warning: \($0)" }
        lines.append("")
        lines += plan.calls.map { ActionPlanText.planned($0) + ($0.condition.map { "   # \($0)" } ?? "") }
        return ActionPreview(action: "undo \(definition.id)", resources: original.resources, lines: lines, confirmationText: plan.confirmationText,
                             undoes: original.runID)
    }

    /// `action undo INCIDENT RUN --yes`, after the responder saw its plan.
    func undo(run runID: String, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String {
        let state = RunLiveness.settled(try store.state(of: incident))
        let runner = try runner(for: state.incident)
        try AWSRunnerFactory.requireReachable(runner)
        let planner = ActionPlanner(runner: runner)
        let definition = try catalog.action(try state.actionRun(matching: runID).action)
        let run = try ActionRunFlow(store: store, incident: incident, actor: actor, executor: ActionExecutor(runner: runner)).run(
            plan: { state in try planner.undoPlan(definition, run: try state.actionRun(matching: runID), in: state) },
            dryRun: false, force: false)
        return "\(run.runID) undo of \(runID) \(definition.id): \(run.status.rawValue)"
    }

    func writeReport(of incident: IncidentID, to path: String, store: any IncidentEventStore, actor: String) throws -> String {
        let format = try WriteReport.write(incident, from: store, generatedBy: actor, to: path)
        return "\(incident): \(format.rawValue) report written to \(path.terminalSafe)"
    }
}
