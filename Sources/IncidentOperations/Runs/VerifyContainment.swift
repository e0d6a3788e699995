import AWSActions
import IncidentModel
import IncidentStore

/// Containment verification (`firebreak action verify`): one read-only run,
/// `containment.verify`, reading back every containment still in force and
/// recording each read-back; `troubleshooting.threat-viable` ticked when all hold.
public enum VerifyContainment {
    /// Whether `state` has a containment in force to read back (checked before a writable store is opened).
    public static func isNeeded(in state: IncidentState, catalog: ActionCatalog) -> Bool {
        !ContainmentVerifier.runsInForce(state, catalog: catalog).isEmpty
    }

    /// The run and what holds; nil when nothing is in force (nothing recorded).
    public static func run(incident: IncidentID, store: any IncidentEventStore, actor: String, catalog: ActionCatalog, runner: AWSCLIRunner,
                           progress: @escaping (ActionRunFlow.Progress) -> Void = { _ in }) throws -> (run: ActionRun, report: ContainmentVerifier.Report)? {
        try AWSRunnerFactory.requireReachable(runner)
        let verifier = ContainmentVerifier(planner: ActionPlanner(runner: runner), executor: ActionExecutor(runner: runner))
        let flow = ActionRunFlow(store: store, incident: incident, actor: actor, executor: verifier.executor, progress: progress)
        return try flow.verifyContainment(verifier: verifier, catalog: catalog)
    }
}
