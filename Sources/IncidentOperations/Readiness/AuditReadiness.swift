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

    /// What recording an audit did to the checklist.
    public struct ChecklistChanges: Sendable, Equatable {
        /// Open items every check behind which passed.
        public var ticked: [String] = []
        /// Items an earlier audit ticked that a check behind them now fails.
        public var reopened: [String] = []

        public init(ticked: [String] = [], reopened: [String] = []) {
            self.ticked = ticked
            self.reopened = reopened
        }
    }

    /// Appends the audit, ticks the open Readiness items every check behind
    /// which passed (each result, in every region and account, of each check
    /// that covers the item; the reason names them), and reopens an item an
    /// earlier audit ticked when a check behind it now fails, so a tick never
    /// outlives the audit that earned it. One transaction. An item a person
    /// ticked is theirs: an audit never reopens it.
    public static func record(_ audit: ReadinessAudited, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> ChecklistChanges {
        var changes = ChecklistChanges()
        try store.append(to: incident, actor: actor, at: nil) { current in
            let state = { (item: String) in current.checklist.first { $0.id == item } }
            changes.ticked = audit.passedItems.filter { state($0)?.state == .open }
            changes.reopened = audit.failedItems.filter { item in
                guard let ticked = state(item), ticked.state == .done else { return false }
                return ticked.reason?.hasPrefix(auditReasonPrefix) == true
            }
            return [.readinessAudited(audit)]
                + changes.ticked.map { .checklistItemChanged(ChecklistItemChanged(item: $0, state: .done, reason: audit.passReason($0))) }
                + changes.reopened.map { .checklistItemChanged(ChecklistItemChanged(item: $0, state: .open, reason: audit.failReason($0))) }
        }
        return changes
    }

    /// How every reason the audit gives a checklist change starts.
    static let auditReasonPrefix = "readiness audit: "

    /// The regions to audit (`RegionRule`: those given, else the incident's, else the environment's); one is needed.
    public static func regions(given: [String], incident state: IncidentState?) throws -> [String] {
        let regions = try RegionRule.regions(given: given, incident: state?.incident)
        guard !regions.isEmpty else { throw OperationError.noRegion("no region to audit: name one with --region (or give the incident its regions)") }
        return regions
    }
}
