import AWSActions
import Foundation
import IncidentModel
import IncidentStore

/// The readiness audit (`firebreak readiness`, `r` on a Readiness item): read-only
/// checks in every account of the incident, recorded with the items they tick.
public enum AuditReadiness {
    /// The audit of `incident`'s accounts (or, with none, the default
    /// credentials' own) in `regions`, once the AWS CLI is known to be there.
    public static func audit(runners: AWSRunnerFactory, incident: Incident?, regions: [String], ownerTags: OwnerTags) throws -> ReadinessAudited {
        let base = try runners.runner(for: incident)
        try AWSRunnerFactory.requireReachable(base)
        return audit(runner: base, profiles: runners.profiles, accounts: incident?.accounts ?? [], regions: regions, ownerTags: ownerTags)
    }

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

    /// The regions to audit (`RegionRule`: those given, else the incident's, else the environment's); one is needed.
    public static func regions(given: [String], incident state: IncidentState?) throws -> [String] {
        let regions = try RegionRule.regions(given: given, incident: state?.incident)
        guard !regions.isEmpty else { throw OperationError.noRegion("no region to audit: name one with --region (or give the incident its regions)") }
        return regions
    }
}
