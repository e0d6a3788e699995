import AWSActions
import ArgumentParser
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations
import IncidentStore

/// `firebreak readiness [INCIDENT] [--region R]… [--owner-tag NAME]… [--json]`.
///
/// Audits the account through read-only `aws` calls: CloudTrail logging,
/// GuardDuty, VPC Flow Logs, EBS and S3 encryption, S3 public access blocks,
/// owner tags, access-key age and use. Each check is pass, fail or could not
/// check, with the commands that decided it. Inside an incident the results
/// go on the timeline (`readiness.audited`) and every Readiness checklist
/// item whose checks all pass is ticked. A failing check is an answer, not an
/// error: the exit status is 0 once the audit ran.
struct ReadinessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readiness", abstract: "Audit the account's readiness (logging, encryption, owners, keys); record it in an incident.")

    @Argument(help: "An incident to record the audit in (ticks the Readiness items that pass).") var incident: String?
    @Option(name: .customLong("region"), help: "A region to audit (repeatable; default: the incident's regions, else $AWS_REGION).")
    var regions: [String] = []
    @Option(name: .customLong("owner-tag"), help: "A tag naming a resource's owner (repeatable; default Owner, owner, team).")
    var ownerTagNames: [String] = []
    @Flag(help: "One JSON document on stdout.") var json = false
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        let id = try incident.map(IncidentID.init(parsing:))
        let ownerTags = OwnerTags(names: try ownerTagNames.map { try TextField.singleLine($0, named: "--owner-tag", maxLength: 128) })
        // Everything is checked before a single call: an unknown incident or a bad region is refused at once.
        if id != nil { try globals.requireDatabase() }
        let state = try id.map { try globals.readOnlyStore(for: $0).state(of: $0) }
        let actor = try id.map { _ in try globals.operatorIdentity() }
        let regions = try AuditReadiness.regions(given: regions, incident: state)
        let audit = try AuditReadiness.audit(runners: try globals.runnerFactory(region: nil), incident: state?.incident, regions: regions,
                                             ownerTags: ownerTags)
        var changes = AuditReadiness.ChecklistChanges()
        if let id, let actor {
            changes = try AuditReadiness.record(audit, store: try globals.writableStore(), incident: id, actor: actor)
        }
        let ticked = changes.ticked
        let results = audit.results
        if json { return try Output.json(Self.json(audit, incident: id, changes: changes)) }
        for result in results {
            Output.line(Self.line(result))
        }
        Output.line("\(audit.tally) (\(regions.joined(separator: ", ")))")
        if let id {
            Output.line("recorded in \(id)" + (ticked.isEmpty ? "" : "; ticked \(ticked.joined(separator: ", "))")
                        + (changes.reopened.isEmpty ? "" : "; reopened \(changes.reopened.joined(separator: ", ")) (a check behind it now fails)"))
        }
    }

    /// `FAIL  vpc.flow-logs           eu-west-1  1 of 2 VPCs without flow logs: vpc-0ab…`
    static func line(_ result: ReadinessResult) -> String {
        let mark: String
        switch result.status {
        case .pass: mark = "pass"
        case .fail: mark = "FAIL"
        case .unknown: mark = "????"
        }
        let place = [result.account, result.region].compactMap { $0 }.joined(separator: " ")
        return "\(mark)  \(Output.column(result.check, 22)) \(Output.column(place.isEmpty ? "account" : place, place.count > 14 ? 27 : 14)) \(result.detail.terminalSafe)"
    }

    static func json(_ audit: ReadinessAudited, incident: IncidentID?, changes: AuditReadiness.ChecklistChanges) -> JSONValue {
        .object([
            "incident": .string(incident?.description), "regions": .array(audit.regions.map(JSONValue.string)),
            "ticked": .array(changes.ticked.map(JSONValue.string)), "reopened": .array(changes.reopened.map(JSONValue.string)),
            "results": .array(audit.results.map(JSONValue.readinessResult)),
        ])
    }
}
