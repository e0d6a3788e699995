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

    /// `action undo`'s plan, before it asks: the same use case, the same lines.
    func previewUndo(run runID: String, in state: IncidentState) throws -> ActionPreview {
        let undo = try UndoRun(runID, in: state, catalog: catalog, runner: try runner(for: state.incident))
        var lines = ActionPlanText.lines(undo.plan, for: .console)
        let resources = undo.original.resources
        if resources.count > 1 {
            // Offered one resource at a time, but an undo is recorded for a whole run: say so before anyone confirms.
            lines.insert("  note: \(undo.original.runID) covers \(resources.count) resources; Firebreak undoes a run whole, "
                         + "so this puts back every one of them: \(resources.joined(separator: ", "))", at: min(2, lines.count))
        }
        return ActionPreview(action: "undo \(undo.definition.id)", resources: resources,
                             lines: lines, confirmationText: undo.plan.confirmationText,
                             undoes: undo.original.runID)
    }

    /// `action undo INCIDENT RUN --yes`, after the responder saw its plan.
    func undo(run runID: String, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String {
        let state = try store.state(of: incident)
        let runner = try runner(for: state.incident)
        let undo = try UndoRun(runID, in: state, catalog: catalog, runner: runner)
        try AWSRunnerFactory.requireReachable(runner)
        let run = try undo.run(store: store, incident: incident, actor: actor, executor: ActionExecutor(runner: runner))
        return "\(run.runID) undo of \(undo.original.runID) \(undo.definition.id): \(run.status.rawValue)"
    }

    func writeReport(of incident: IncidentID, to path: String, store: any IncidentEventStore, actor: String) throws -> String {
        let format = try WriteReport.write(incident, from: store, generatedBy: actor, to: path)
        // The report is written: its checklist item is ticked (unless already).
        try store.append(to: incident, actor: actor, at: nil) { state in state.ticks(for: .report, reason: "report written to \(path)") }
        return "\(incident): \(format.rawValue) report written to \(path.terminalSafe)"
    }
}
