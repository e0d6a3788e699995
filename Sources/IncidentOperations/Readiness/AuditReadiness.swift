import AWSActions
import Foundation
import IncidentModel
import IncidentStore

/// The readiness audit (`firebreak readiness`, `r` on a Readiness item): read-only
/// checks in every account of the incident, recorded with the items they tick.
public enum AuditReadiness {
    /// The audit in each of `accounts` that has a profile, and with the default
    /// credentials for the rest; results stamped with the account they are about.
    public static func audit(runner: AWSCLIRunner, profiles: AccountProfiles, accounts: [String], regions: [String], ownerTags: OwnerTags) -> ReadinessAudited {
        let results = profiles.runners(base: runner, accounts: accounts).flatMap { account, runner in
            ReadinessAudit(runner: runner, regions: regions, ownerTags: ownerTags, account: account).run()
        }
        return ReadinessAudited(regions: regions, results: results)
    }

    /// Appends the audit and ticks the open Readiness items all of whose checks
    /// passed, in one transaction; returns the items ticked.
    public static func record(_ audit: ReadinessAudited, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> [String] {
        var ticked: [String] = []
        try store.append(to: incident, actor: actor, at: nil) { current in
            ticked = audit.passedItems.filter { item in current.checklist.first { $0.id == item }?.state == .open }
            return [.readinessAudited(audit)]
                + ticked.map { .checklistItemChanged(ChecklistItemChanged(item: $0, state: .done, reason: "readiness audit: every check passed")) }
        }
        return ticked
    }

    /// The regions to audit: those given, else the incident's, else the environment's.
    public static func regions(given: [String], incident state: IncidentState?) throws -> [String] {
        var chosen = given
        if chosen.isEmpty { chosen = state?.incident.regions ?? [] }
        if chosen.isEmpty {
            let environment = ProcessInfo.processInfo.environment
            chosen = [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]].compactMap { $0 }.filter { !$0.isEmpty }.prefix(1).map { $0 }
        }
        guard !chosen.isEmpty else { throw OperationError.noRegion("no region to audit: name one with --region (or give the incident its regions)") }
        var unique: [String] = []
        for region in chosen where !unique.contains(region) { unique.append(try AWSRegion.validate(region)) }
        return unique
    }
}
