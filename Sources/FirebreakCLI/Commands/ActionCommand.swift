import ArgumentParser
import AWSActions
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations

/// `firebreak action list|plan|run|undo`.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "AWS actions from the catalog: list, plan, run and undo them.",
        subcommands: [ActionListCommand.self, ActionPlanCommand.self, ActionRunCommand.self, ActionUndoCommand.self, ActionVerifyCommand.self])
}

/// The options every action command that reaches AWS takes.
struct ActionAWSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds each aws call may take before it is killed (default $FIREBREAK_AWS_TIMEOUT, else 60).", valueName: "seconds"))
    var timeout: Double?

    /// "AWS CLI not found" (or, for a drill, "its emulator is not running") as one line, before anything is recorded.
    static func requireCLI(_ runner: AWSCLIRunner) throws {
        try AWSRunnerFactory.requireReachable(runner)
    }

    /// The runner for `incident`'s calls (`GlobalOptions.awsRunner(for:)`), with `--timeout`.
    func runner(globals: GlobalOptions, region: AWSRegionOption, for incident: Incident) throws -> AWSCLIRunner {
        if let timeout, timeout <= 0 { throw CLIError("--timeout must be more than 0 seconds") }
        return try globals.awsRunner(for: incident, region: region.region, timeout: timeout)
    }
}

/// `firebreak action list [INCIDENT] [--resource RESOURCE] [--json]`.
struct ActionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The catalog, or the actions that apply to a resource.")

    @Argument(help: "The incident (needed with --resource).") var incident: String?
    @Option(help: "Only the actions that apply to this resource of the incident.") var resource: String?
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        let catalog = try ActionCatalog.loadForCommand()
        var actions = catalog.actions
        if let resource {
            guard let incident else { throw CLIError("--resource needs the incident: firebreak action list INCIDENT --resource RESOURCE") }
            let id = try IncidentID(parsing: incident)
            let found = try globals.readOnlyStore(for: id).state(of: id).resource(matching: resource)
            actions = catalog.actions(for: found.kind)
        }
        if json { return try Output.json(.array(actions.map(JSONValue.actionDefinition))) }
        for action in actions {
            Output.line("\(Output.column(action.id, 24)) \(Output.column(action.phase.rawValue, 15)) \(Output.column(action.risk.rawValue, 12)) \(action.summary)")
        }
    }
}

/// `firebreak action plan INCIDENT ACTION RESOURCE… [--param NAME=VALUE]… [--json]`: changes nothing, records
/// nothing (a plan with preview steps makes their read-only calls to say who else a change reaches).
struct ActionPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Show the exact aws commands an action would run.")

    @OptionGroup var target: ActionTarget
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption
    @OptionGroup var awsOptions: ActionAWSOptions

    func run() throws {
        let id = try target.incidentID()
        let definition = try ActionCatalog.loadForCommand().action(target.action)
        let state = try globals.readOnlyStore(for: id).state(of: id)
        // An identity action learns who Firebreak acts as, to say so and to flag acting on itself.
        let (planner, callerProblem) = try ActionPlanner(runner: try awsOptions.runner(globals: globals, region: aws, for: state.incident))
            .learningCaller(for: definition, required: false)
        // Read-only calls some plans need to say who else a change reaches (the other instances of a subnet).
        let plan = try planner.preview(planner.plan(definition, resources: target.resources, in: state, parameters: try target.parameterValues()))
        if json { return try Output.json(.actionPlan(plan, callerProblem: callerProblem)) }
        ActionOutput.printPlan(plan, callerProblem: callerProblem)
    }
}

/// `firebreak action run INCIDENT ACTION RESOURCE… [--param NAME=VALUE]… [--yes] [--confirm TEXT] [--dry-run] [--force] [--json]`.
struct ActionRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run an action; prints its run id.")

    @OptionGroup var target: ActionTarget
    @Flag(help: "Do not ask before running.") var yes = false
    @Option(help: ArgumentHelp("The text a destructive action's plan asks you to type.", valueName: "text")) var confirm: String?
    @Flag(name: .customLong("dry-run"), help: "Use the APIs' own dry run; change nothing.") var dryRun = false
    @Flag(help: "Run even when a precondition (such as a snapshot before a stop) is not met.") var force = false
    @Flag(name: .customLong("allow-self"), help: "Act even on the identity Firebreak runs as (its own user, role or key; a bucket policy denying it).")
    var allowSelf = false
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption
    @OptionGroup var awsOptions: ActionAWSOptions

    func run() throws {
        let id = try target.incidentID()
        let definition = try ActionCatalog.loadForCommand().action(target.action)
        let given = try target.parameterValues()
        let resources = target.resources
        let actor = try globals.operatorIdentity()
        try globals.requireDatabase()
        let current = try globals.readOnlyStore(for: id).state(of: id)
        let runner = try awsOptions.runner(globals: globals, region: aws, for: current.incident)
        // Everything that can be refused is refused before the store is opened for writing.
        let (planner, _) = try ActionPlanner(runner: runner).learningCaller(for: definition, required: true, allowSelf: allowSelf)
        let preview = try planner.preview(planner.plan(definition, resources: resources, in: current, parameters: given))
        try CallerGuard.enforce(preview, allowSelf: allowSelf)
        try ActionOutput.confirm(preview, yes: yes, typed: confirm, dryRun: dryRun, quiet: json)
        try ActionAWSOptions.requireCLI(runner)

        let store = try globals.writableStore()
        let (run, signal) = try RunSignals.interrupting { interruption in
            try ActionRunFlow(store: store, incident: id, actor: actor, executor: ActionExecutor(runner: runner.interruptible(by: interruption)),
                              progress: ActionOutput.progress(quiet: json))
                .run(definition, resources: resources, parameters: given, planner: planner, allowSelf: allowSelf, dryRun: dryRun, force: force)
        }
        try ActionOutput.finish(run, json: json, signal: signal)
    }
}

/// `firebreak action undo INCIDENT RUN [--resource ID]... [--reactivate] [--yes] [--json]`.
struct ActionUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Revert a recorded run from what it recorded before changing anything.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The run id an action run printed (run-3, or 3).") var runID: String
    @Option(name: .customLong("resource"), help: ArgumentHelp(
        "Put back only this resource of the run (repeatable; default: every one not put back yet). A step the run's other resources still share is kept until the last of them is undone.",
        valueName: "id")) var resources: [String] = []
    @Flag(help: "Undoing iam.deactivate-key: make the key Active again (by default it stays Inactive).") var reactivate = false
    @Flag(help: "Do not ask before running.") var yes = false
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption
    @OptionGroup var awsOptions: ActionAWSOptions

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let catalog = try ActionCatalog.loadForCommand()
        let actor = try globals.operatorIdentity()
        try globals.requireDatabase()
        let state = try globals.readOnlyStore(for: id).state(of: id)
        let runner = try awsOptions.runner(globals: globals, region: aws, for: state.incident)
        let undo = try UndoRun(runID, resources: resources, in: state, catalog: catalog, runner: runner, reactivate: reactivate)
        let preview = undo.plan
        try ActionOutput.confirm(preview, yes: yes, typed: nil, dryRun: false, quiet: json)
        // Asked on a terminal, the plan said it; with --yes, say it here.
        if yes, !json, let notice = preview.undoNotice { Output.line("note: \(notice)") }
        if yes, !json { for kept in preview.kept { Output.line(ActionPlanText.keptLine(kept)) } }
        try ActionAWSOptions.requireCLI(runner)

        let store = try globals.writableStore()
        let (result, signal) = try RunSignals.interrupting { interruption in
            try undo.run(store: store, incident: id, actor: actor, executor: ActionExecutor(runner: runner.interruptible(by: interruption)),
                         progress: ActionOutput.progress(quiet: json))
        }
        try ActionOutput.finish(result, json: json, signal: signal)
    }
}

extension AWSCLIRunner {
    /// This runner, its calls stopped by `interruption`.
    func interruptible(by interruption: RunInterruption) -> AWSCLIRunner {
        var runner = self
        runner.interruption = interruption
        return runner
    }
}

/// What `action plan` and `action run` act on: the incident, the action, its resources and parameters.
struct ActionTarget: ParsableArguments {
    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The action id, e.g. ec2.isolate.") var action: String
    @Argument(help: "The resources, as added to the incident.") var resources: [String]
    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter of the action.", valueName: "name=value")) var parameters: [String] = []

    func incidentID() throws -> IncidentID { try IncidentID(parsing: incident) }
    func parameterValues() throws -> [String: String] { try parseParameters(parameters) }
}

/// `--param name=value` pairs.
func parseParameters(_ pairs: [String]) throws -> [String: String] {
    var result: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw CLIError("--param '\(pair.terminalSafe)': expected name=value")
        }
        result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return result
}

extension ActionCatalog {
    /// The catalog; each definition file that was skipped is one warning line on
    /// stderr (`warn` elsewhere, e.g. the console's footer) naming the file and why.
    static func loadForCommand(warn: (String) -> Void = { Output.error("warning: \($0)") }) throws(ActionCatalogLoadError) -> ActionCatalog {
        try ActionCatalog.load(warn: warn)
    }
}
