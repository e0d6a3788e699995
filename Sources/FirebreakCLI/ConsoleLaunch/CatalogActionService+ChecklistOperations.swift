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
        let catalog = try self.catalog
        guard VerifyContainment.isNeeded(in: state, catalog: catalog),
              let (run, report) = try VerifyContainment.run(incident: incident, store: store, actor: actor, catalog: catalog,
                                                            runner: try runner(for: state.incident)) else {
            return "no containment in force in \(incident) to verify"
        }
        let broken = report.checks.filter { !$0.holds }.map { "\($0.resource) (\($0.runID) \($0.action))" }
        return "\(run.runID) \(ContainmentVerifier.actionID): " + (broken.isEmpty ? "every containment holds" : "no longer holds for \(broken.joined(separator: ", "))")
    }

    /// `action undo`'s plan, before it asks: the same use case, the same lines.
    /// The plan says which resources it puts back and which shared steps it keeps for the others, and why.
    func previewUndo(run runID: String, resources: [String], in state: IncidentState) throws -> ActionPreview {
        let undo = try UndoRun(runID, resources: resources, in: state, catalog: catalog, runner: try runner(for: state.incident))
        return ActionPreview(action: "undo \(undo.definition.id)", resources: undo.resources,
                             lines: ActionPlanText.lines(undo.plan, for: .console), confirmationText: undo.plan.confirmationText,
                             undoes: undo.original.runID, undoResources: resources)
    }

    /// `action undo INCIDENT RUN [--resource ID]... --yes`, after the responder saw its plan.
    func undo(run runID: String, resources: [String], store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String {
        let state = try store.state(of: incident)
        let runner = try runner(for: state.incident)
        let undo = try UndoRun(runID, resources: resources, in: state, catalog: catalog, runner: runner)
        try AWSRunnerFactory.requireReachable(runner)
        let run = try undo.run(store: store, incident: incident, actor: actor, executor: ActionExecutor(runner: runner))
        let only = undo.resources.count < undo.original.resources.count ? " (\(undo.resources.joined(separator: ", ")))" : ""
        return "\(run.runID) undo of \(undo.original.runID) \(undo.definition.id)\(only): \(run.status.rawValue)"
    }

    /// `report --output PATH`: the same use case, which ticks the report's checklist item itself.
    func writeReport(of incident: IncidentID, to path: String, store: any IncidentEventStore, actor: String) throws -> String {
        let written = try WriteReport.write(incident, from: store, generatedBy: actor, to: path, recordIn: { store })
        return "\(incident): \(written.format.rawValue) report written to \(path.terminalSafe)"
            + (written.ticked.isEmpty ? "" : "; ticked " + written.ticked.joined(separator: ", "))
    }
}
