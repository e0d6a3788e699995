import ArgumentParser
import AWSActions
import Foundation
import IncidentModel

/// `firebreak action verify INCIDENT [--json]`: containment.verify, reading
/// back every containment still in force and saying per resource what holds.
struct ActionVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Read back every containment still in force (containment.verify) and say what still holds.")

    @Argument(help: "The incident.") var incident: String
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption
    @OptionGroup var awsOptions: ActionAWSOptions

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let catalog = try ActionCatalog.loadForCommand()
        let actor = try globals.operatorIdentity()
        // Refused before anything is opened for writing: an unknown incident, or nothing to check.
        let state = try globals.readOnlyStore(for: id).state(of: id)
        let runner = try awsOptions.runner(globals: globals, region: aws, for: state.incident)
        let verifier = ContainmentVerifier(planner: ActionPlanner(runner: runner), executor: ActionExecutor(runner: runner))
        if ContainmentVerifier.runsInForce(state, catalog: catalog).isEmpty {
            if json { return try Output.json(.object(["runId": .null, "checks": .array([])])) }
            return Output.line("no containment in force in \(id) to verify")
        }
        try ActionAWSOptions.requireCLI(runner)
        let flow = ActionRunFlow(store: try globals.writableStore(), incident: id, actor: actor, executor: verifier.executor)
        guard let (run, report) = try flow.verifyContainment(verifier: verifier, catalog: catalog, quiet: json) else {
            return Output.line("no containment in force in \(id) to verify")
        }
        if json {
            try Output.json(.object([
                "runId": .string(run.runID), "status": .string(run.status.rawValue), "allHold": .bool(report.allHold),
                "checks": .array(report.checks.map { check in
                    .object(["run": .string(check.runID), "action": .string(check.action), "resource": .string(check.resource),
                             "holds": .bool(check.holds), "detail": .string(check.detail)])
                }),
            ]))
        } else {
            for check in report.checks {
                Output.line("\(check.holds ? "holds " : "BROKEN") \(check.resource) \(check.runID) \(check.action)\(check.detail.map { ": \($0)" } ?? "")")
            }
        }
        if !report.allHold {
            let broken = report.checks.filter { !$0.holds }.map { "\($0.resource) (\($0.runID) \($0.action))" }
            throw CLIError("containment no longer holds for \(broken.joined(separator: ", "))")
        }
    }
}
