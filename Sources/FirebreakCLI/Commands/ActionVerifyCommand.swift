import ArgumentParser
import AWSActions
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations

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
        try globals.requireDatabase()
        let state = try globals.readOnlyStore(for: id).state(of: id)
        let runner = try awsOptions.runner(globals: globals, region: aws, for: state.incident)
        if !VerifyContainment.isNeeded(in: state, catalog: catalog) {
            if json { return try Output.json(.object(["runId": .null, "checks": .array([])])) }
            return Output.line("no containment in force in \(id) to verify")
        }
        try ActionAWSOptions.requireCLI(runner)
        guard let (run, report) = try VerifyContainment.run(incident: id, store: try globals.writableStore(), actor: actor, catalog: catalog,
                                                            runner: runner, progress: ActionOutput.progress(quiet: json)) else {
            return Output.line("no containment in force in \(id) to verify")
        }
        if json {
            try Output.json(.object([
                "runId": .string(run.runID), "status": .string(run.status.rawValue), "allHold": .bool(report.allHold),
                "checks": .array(report.checks.map { check in
                    var members: [String: JSONValue] = ["run": .string(check.runID), "action": .string(check.action), "resource": .string(check.resource),
                                                        "holds": .bool(check.holds), "detail": .string(check.detail)]
                    if let traffic = check.traffic { members["traffic"] = .traffic(traffic) }
                    return .object(members)
                }),
            ]))
        } else {
            for check in report.checks {
                let label = check.traffic?.verdict == .couldNotCheck ? "cannot check" : check.holds ? "holds " : "BROKEN"
                Output.line("\(label) \(check.resource) \(check.runID) \(check.action)\(check.traffic == nil ? "" : " traffic")\(check.detail.map { ": \($0.terminalSafe)" } ?? "")")
            }
        }
        if !report.allHold {
            let broken = report.checks.filter { !$0.holds }.map { "\($0.resource) (\($0.runID) \($0.action))" }
            throw CLIError("containment no longer holds for \(broken.joined(separator: ", "))")
        }
    }
}

extension JSONValue {
    /// An isolation's traffic check: the verdict, its line, and each peer.
    static func traffic(_ traffic: TrafficAfterIsolation) -> JSONValue {
        .object(["verdict": .string(traffic.verdict.rawValue), "summary": .string(traffic.summary), "since": .time(traffic.since),
                 "flowLogs": .array(traffic.flowLogs.map(JSONValue.string)),
                 "peers": .array(traffic.peers.map { peer in
                     .object(["address": .string(peer.address), "port": peer.port.map { .int($0) } ?? .null, "protocol": .string(peer.protocolName),
                              "direction": .string(peer.direction.rawValue), "records": .int(peer.records),
                              "packets": .int(peer.packets), "bytes": .int(peer.bytes)])
                 })])
    }
}
