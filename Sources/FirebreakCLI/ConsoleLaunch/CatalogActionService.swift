import AWSActions
import Console
import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore

/// The console's AWS work, through the very use cases the commands call
/// (`IncidentOperations`: the run flow, discovery, the readiness audit, the
/// import) with the one runner factory and region rule, so what the console
/// does records exactly what the command line records. What is left here is
/// the console's own wording of each outcome.
struct CatalogActionService: ConsoleActionService {
    private let catalogOnDemand: ActionCatalogOnDemand
    /// The catalog, loaded on first use (`ActionCatalogOnDemand`).
    var catalog: ActionCatalog {
        get throws(ActionCatalogLoadError) { try catalogOnDemand.catalog() }
    }
    /// The console's settings (`--region` among them) and the profile of each account.
    let runners: AWSRunnerFactory
    var ownerTags = OwnerTags()

    init(catalog: ActionCatalogOnDemand, runners: AWSRunnerFactory, ownerTags: OwnerTags = OwnerTags()) {
        self.catalogOnDemand = catalog
        var runners = runners
        // One for the whole console: quitting anyway stops whichever call runs (a pipe; nil only when none can be made).
        runners.interruption = runners.interruption ?? (try? RunInterruption())
        self.runners = runners
        self.ownerTags = ownerTags
    }

    func stopRunningWork() {
        runners.interruption?.interrupt()
    }

    /// With one runner's settings as the factory's (the tests' emulator).
    init(catalog: ActionCatalog, runner: AWSCLIRunner, profiles: AccountProfiles = AccountProfiles(profiles: [:])) {
        self.init(catalog: ActionCatalogOnDemand(catalog), runners: AWSRunnerFactory(base: runner.configuration, profiles: profiles))
    }

    /// With a catalog already loaded.
    init(catalog: ActionCatalog, runners: AWSRunnerFactory, ownerTags: OwnerTags = OwnerTags()) {
        self.init(catalog: ActionCatalogOnDemand(catalog), runners: runners, ownerTags: ownerTags)
    }

    /// Starts loading the catalog in the background.
    func preloadCatalog() { catalogOnDemand.preload() }

    func actions(for resources: [Resource]) throws -> [ActionChoice] {
        // Only actions that apply to every chosen resource.
        let kinds = Set(resources.map(\.kind))
        let catalog = try self.catalog
        let applicable = catalog.actions.filter { definition in kinds.allSatisfy { kind in catalog.actions(for: kind).contains { $0.id == definition.id } } }
        // The playbook's own actions first, in its order, so the next right one is a key away however many apply.
        let playbookOrder = Playbook.default.items.compactMap { item -> String? in
            if case .action(let id)? = item.backedBy { return id }
            return nil
        }
        func rank(_ id: String) -> Int { playbookOrder.firstIndex(of: id) ?? playbookOrder.count }
        return applicable.enumerated().sorted { (rank($0.element.id), $0.offset) < (rank($1.element.id), $1.offset) }
            .map(\.element)
            .map { definition in
                ActionChoice(id: definition.id, summary: definition.summary, risk: definition.risk.rawValue,
                             parameters: definition.parameters.map {
                                 ActionChoice.Parameter(name: $0.name, summary: $0.summary, required: $0.required, defaultValue: $0.defaultValue)
                             })
            }
    }

    /// The runner for calls made for `incident`: the console may show another incident than it
    /// started on, and a drill's calls go to its own emulator only (`AWSRunnerFactory.runner(for:)`).
    func runner(for incident: Incident) throws -> AWSCLIRunner {
        try runners.runner(for: incident)
    }

    func preview(action: String, resources: [String], parameters: [String: String], in state: IncidentState) throws -> ActionPreview {
        let runner = try runner(for: state.incident)
        let definition = try catalog.action(action)
        // An identity action learns who Firebreak acts as (once), to say so and to flag acting on itself.
        let (planner, callerProblem) = try ActionPlanner(runner: runner).learningCaller(for: definition, required: false)
        var plan = try planner.plan(definition, resources: resources, in: state, parameters: parameters)
        // The preview's read-only calls name who else is affected (the subnet's
        // other instances, in the plan's warning); when they fail the responder
        // still sees the plan, and why.
        var previewProblem: String?
        do {
            plan = try planner.preview(plan)
        } catch {
            previewProblem = "warning: the preview's read-only calls failed, so who else is affected is unknown: \(error)"
        }
        if !plan.confirmationIsFilled {
            throw OperationError.notConfirmable(action: definition.id, problem: previewProblem ?? plan.warnings.last ?? "the preview failed")
        }
        // The very lines `firebreak action plan` prints, with why the preview's reads failed when they did.
        var lines = ActionPlanText.lines(plan, callerProblem: callerProblem, for: .console)
        if let previewProblem { lines.insert("  \(previewProblem)", at: min(2, lines.count)) }
        // Acting on Firebreak's own identity needs the caller named, typed (the console's --allow-self).
        var confirmation = plan.confirmationText, carried = parameters
        if let caller = plan.caller, !plan.callerConflicts.isEmpty {
            let own = "act on myself \(caller.shortName)"
            confirmation = confirmation.map { "\($0) and \(own)" } ?? own
            carried[Self.allowSelfKey] = caller.arn
        }
        return ActionPreview(action: action, resources: resources, lines: lines, confirmationText: confirmation, parameters: carried,
                             stepCount: plan.calls.count)
    }

    /// Carries the typed override from the plan to the run: the caller's ARN
    /// the responder confirmed (never a parameter name, which cannot hold '!').
    /// The run learns the caller again and allows only that same one.
    static let allowSelfKey = "!allow-self"

    func run(action: String, resources: [String], parameters: [String: String], store: any IncidentEventStore, incident: IncidentID,
             actor: String) throws -> String {
        let runner = try runner(for: try store.state(of: incident).incident)
        try AWSRunnerFactory.requireReachable(runner)
        let definition = try catalog.action(action)
        var parameters = parameters
        let confirmedCaller = parameters.removeValue(forKey: Self.allowSelfKey)
        let (planner, _) = try ActionPlanner(runner: runner).learningCaller(for: definition, required: true)
        let allowSelf = confirmedCaller != nil && confirmedCaller == planner.caller?.arn
        let run = try ActionRunFlow(store: store, incident: incident, actor: actor, executor: ActionExecutor(runner: runner))
            .run(definition, resources: resources, parameters: parameters, planner: planner, allowSelf: allowSelf)
        return "\(run.runID) \(action): \(run.status.rawValue)"
    }

    func resources(for action: String, in state: IncidentState) throws -> [String] {
        let definition = try catalog.action(action)
        let applicable = state.resources.filter { definition.kinds.contains($0.kind) }
        guard !applicable.isEmpty else {
            throw IncidentError.invalidInput("\(action) applies to \(definition.kinds.map(\.rawValue).joined(separator: ", ")): the incident has none")
        }
        // Troubleshooting and remediation act on what is already contained: offer it too, after what still needs containing.
        let order: [ResourceState] = [.compromised, .suspected, .contained]
        func rank(_ resource: Resource) -> Int { order.firstIndex(of: resource.state) ?? order.count }
        return applicable.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element.id)
    }

    func perform(_ work: ConsoleAWSWork, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String {
        switch work {
        case .discover(let resource):
            let outcome = try DiscoverRelated.discover(from: resource, in: incident, store: store, actor: actor, runners: runners, ownerTags: ownerTags)
            let unowned = outcome.added.filter { $0.owner == nil }.count
            return outcome.summary(incident) + (unowned > 0 ? ", \(unowned) without an owner tag" : "")
                + (outcome.found.problems.isEmpty ? "" : "; could not check: \(outcome.found.problems[0])")
        case .auditReadiness:
            let state = try store.state(of: incident)
            let regions = try AuditReadiness.regions(given: runners.givenRegion.map { [$0] } ?? [], incident: state)
            let audit = try AuditReadiness.audit(runners: runners, incident: state.incident, regions: regions, ownerTags: ownerTags)
            let changes = try AuditReadiness.record(audit, store: store, incident: incident, actor: actor)
            let ticked = changes.ticked.count, reopened = changes.reopened.count
            return "readiness: \(audit.tally)"
                + (ticked == 0 ? "" : "; ticked \(ticked) item\(ticked == 1 ? "" : "s")")
                + (reopened == 0 ? "" : "; reopened \(reopened) (a check behind it now fails)") + " (show lists each)"
        case .importFindings(let from):
            let state = try store.state(of: incident)
            let source = try? FindingSource(parsing: from)
            let documents = try ImportFindings.documents(files: source == nil ? [from] : [], source: source, incident: state.incident,
                                                         ownerTags: ownerTags, runners: runners)
            return try ImportFindings.record(documents, skipInvalid: false, initialState: nil, store: store, incident: incident, actor: actor)
                .summary(incident)
        case .verifyContainment:
            return try verifyContainment(store: store, incident: incident, actor: actor)
        case .undo(let run, let resources):
            return try undo(run: run, resources: resources, store: store, incident: incident, actor: actor)
        case .resolveFindingsAndClose(let closing):
            return try resolveFindingsAndClose(closing, store: store, incident: incident, actor: actor)
        }
    }

    /// The plan `close --resolve-findings --plan` prints, from the same use case, for the incident as it is.
    func previewResolvingFindings(_ closing: ClosingRequest, in state: IncidentState, actor: String) throws -> ActionPreview {
        let plan = ResolveFindings.plan(for: state, updatedBy: actor)
        let lines = plan.lines(for: state.incident.id, runner: try runner(for: state.incident))
        return ActionPreview(action: "close --resolve-findings", resources: [state.incident.id.description], lines: lines,
                             confirmationText: nil, stepCount: plan.calls.count, closing: closing)
    }

    /// `close --resolve-findings`: refused first while compromised (unless forced), the findings resolved, then the
    /// outcome and the close recorded in one append; a call that fails whole leaves the incident open.
    func resolveFindingsAndClose(_ closing: ClosingRequest, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String {
        let state = try store.state(of: incident)
        try CloseIncident.refuseWhileCompromised(state, force: closing.force)
        let plan = ResolveFindings.plan(for: state, updatedBy: actor)
        let summary = plan.calls.isEmpty ? "no imported finding to resolve in AWS"
            : try CloseIncident.resolveFindings(plan, of: incident, runner: try runner(for: state.incident))
        try CloseIncident.record(incident, resolution: closing.resolution, findingsSummary: summary, force: closing.force, store: store, actor: actor)
        return "\(summary); \(incident) closed"
    }
}
