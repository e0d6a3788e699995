import AWSActions
import Foundation
import IncidentModel
import IncidentStore

/// `firebreak action undo` and the console's undo: a recorded run reverted
/// from what it recorded. Everything that can be refused is refused while
/// preparing, before anyone is asked anything; the run plans again from the
/// state inside its start's transaction.
public struct UndoRun {
    /// The run to revert, as the state (settled: a dead process's run is interrupted) has it.
    public let original: ActionRun
    public let definition: ActionDefinition
    public let planner: ActionPlanner
    public let undoParameters: [String: String]
    /// The resources of `original` it puts back: those named, or every one not put back yet.
    public let resources: [String]
    /// The plan as it stands now: what the responder confirms.
    public let plan: ActionPlan

    /// The undo of `runID` (run-3, or 3) in `state`, refused as one line when it cannot be undone;
    /// `resources`: only these of the run's (`--resource`; empty: all that are left), each refused
    /// when it is not the run's or an undo already put it back;
    /// `reactivate`: undoing iam.deactivate-key makes the key Active again.
    public init(_ runID: String, resources named: [String] = [], in state: IncidentState, catalog: ActionCatalog, runner: AWSCLIRunner,
                reactivate: Bool = false) throws {
        // A run whose process has ended counts as interrupted (as `show` says), not as still running.
        let state = RunLiveness.settled(state)
        planner = ActionPlanner(runner: runner)
        original = try state.actionRun(matching: runID)
        definition = try catalog.action(original.action)
        let resources = try Self.resources(named, of: original, in: state)
        self.resources = resources
        // The same checks the store makes, before asking anyone anything.
        try state.validate(.actionRunStarted(ActionRunStarted(runID: state.nextActionRunID, action: definition.id, risk: definition.risk,
                                                             resources: resources, undoes: original.runID)))
        if let nothing = Self.nothingToUndo(original) { throw IncidentError.conflict(nothing) }
        let undoParameters = try Self.undoParameters(of: definition, reactivate: reactivate)
        self.undoParameters = undoParameters
        plan = try planner.undoPlan(definition, run: original, only: resources, in: state, undoParameters: undoParameters)
    }

    /// Runs the undo through the one run flow, recording every call. The plan is made again inside
    /// the start's transaction: a resource another undo put back meanwhile is refused there.
    public func run(store: any IncidentEventStore, incident: IncidentID, actor: String, executor: ActionExecutor,
                    progress: @escaping (ActionRunFlow.Progress) -> Void = { _ in }) throws -> ActionRun {
        let definition = definition, planner = planner, runID = original.runID, undoParameters = undoParameters, resources = resources
        return try ActionRunFlow(store: store, incident: incident, actor: actor, executor: executor, progress: progress).run(
            plan: { state in try planner.undoPlan(definition, run: try state.actionRun(matching: runID), only: resources, in: state,
                                                  undoParameters: undoParameters) },
            dryRun: false, force: false)
    }

    /// The resources `named` (ids as added, or short ids) as the run records them, or every one it has
    /// not put back yet; one named twice counts once.
    static func resources(_ named: [String], of run: ActionRun, in state: IncidentState) throws -> [String] {
        // A run put back whole is refused as such by the store's checks ("already undone by").
        guard !named.isEmpty else { return run.resourcesToUndo.isEmpty ? run.resources : run.resourcesToUndo }
        var resources: [String] = []
        for text in named {
            let id = try state.resource(matching: text).id
            guard run.resources.contains(id) else {
                throw IncidentError.invalidInput("\(id.terminalSafe) is not one of \(run.runID)'s resources (\(run.resources.joined(separator: ", ")))")
            }
            if let by = run.undoneResources[id] { throw IncidentError.conflict("\(id) of \(run.runID) was already undone by \(by)") }
            if !resources.contains(id) { resources.append(id) }
        }
        return resources
    }

    /// `--reactivate` as the undo parameter it stands for; refused for an action whose undo takes none.
    static func undoParameters(of definition: ActionDefinition, reactivate: Bool) throws -> [String: String] {
        guard reactivate else { return [:] }
        guard definition.undoParameters.contains(where: { $0.name == "reactivate" }) else {
            throw IncidentError.invalidInput("--reactivate: undoing \(definition.id) reactivates nothing")
        }
        return ["reactivate": "yes"]
    }

    /// Why `run` cannot be undone, as one line, or nil when its undo may be
    /// planned: the store's own refusals, and a run that changed nothing.
    /// (Whether its action has undo steps at all is the catalog's to say.)
    /// Pure: `state` as given (settle it first to judge dead processes' runs).
    public static func refusal(of run: ActionRun, in state: IncidentState) -> String? {
        let run = state.actionRuns.first { $0.runID == run.runID } ?? run
        do {
            try state.validate(.actionRunStarted(ActionRunStarted(runID: state.nextActionRunID, action: run.action, risk: run.risk,
                                                                 resources: try resources([], of: run, in: state), undoes: run.runID)))
        } catch {
            return "\(error)"
        }
        return nothingToUndo(run)
    }

    /// A run that ended by itself and whose change stage never called AWS
    /// (refused by a requirement) changed nothing: there is nothing to put back.
    /// A run that did not end by itself (its process killed or dead, a call timed out) may have sent a change
    /// it never recorded: its undo is always offered.
    static func nothingToUndo(_ run: ActionRun) -> String? {
        guard run.status == .failed || run.status == .succeeded || run.status == .partial else { return nil }
        let changed = run.steps.contains { $0.stage == ActionStage.change.rawValue && !$0.argv.isEmpty && $0.outcome != .skipped }
        guard !changed else { return nil }
        return "nothing to undo: \(run.runID) (\(run.action)) made no change" + (run.error.map { " (\($0))" } ?? "")
    }
}
