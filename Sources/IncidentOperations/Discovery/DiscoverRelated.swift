import AWSActions
import IncidentModel
import IncidentStore

/// Discovery from one incident resource (`firebreak resource discover`, `D` in
/// the console): read-only calls for what is related, the new resources added
/// as suspected in one transaction.
public enum DiscoverRelated {
    /// What one discovery found and added.
    public struct Outcome {
        public var root: Resource
        public var found: DiscoveryResult
        public var added: [ResourceAdded]
        public var alreadyThere: [DiscoveredResource]

        /// `INC-3: 4 related resources added from i-0abc…`
        public func summary(_ incident: IncidentID) -> String {
            "\(incident): \(added.count) related resource\(added.count == 1 ? "" : "s") added from \(root.id)"
        }
    }

    /// Discovers from one incident resource through its account's runner, in the
    /// region given (`runners.givenRegion`) else the resource's own, once the AWS CLI is known to be there.
    public static func discover(from resource: String, in incident: IncidentID, store: any IncidentEventStore, actor: String,
                                runners: AWSRunnerFactory, ownerTags: OwnerTags) throws -> Outcome {
        let current = try store.state(of: incident)
        let root = try current.resource(matching: resource)
        let runner = try runners.runner(for: current.incident, account: root.account)
        try AWSRunnerFactory.requireReachable(runner)
        return try discover(from: resource, in: incident, region: try RegionRule.region(given: runners.givenRegion, resource: root), store: store,
                            actor: actor, discovery: ResourceDiscovery(runner: runner, ownerTags: ownerTags))
    }

    /// Discovers from one incident resource (in `region`, else the resource's
    /// own) and appends what is new as suspected, in one transaction. Throws
    /// when it found nothing because every call failed.
    public static func discover(from resource: String, in incident: IncidentID, region: String?, store: any IncidentEventStore, actor: String,
                         discovery: ResourceDiscovery) throws -> Outcome {
        let current = try store.state(of: incident)
        let root = try current.resource(matching: resource)
        let reference = try ResourceIdentifier(parsing: root.id, kind: root.kind)
        let found = discovery.discover(reference, region: region ?? root.region, account: root.account)
        if found.related.isEmpty, let problem = found.problems.first {
            throw OperationError.discoveryFoundNothing(root: root.id, problem: problem)
        }
        var added: [ResourceAdded] = []
        let present = found.related.filter { current.existingResource(named: $0.reference.id, kind: $0.reference.kind) != nil }
        try store.append(to: incident, actor: actor, at: nil) { state in
            let rootNow = try state.resource(matching: root.id)
            let events = DiscoveryEvents.events(for: found, from: rootNow, in: state)
            added = events.compactMap { if case .resourceAdded(let body) = $0 { return body } else { return nil } }
            // Discovery maps the blast radius: its checklist item is ticked with it.
            return events + state.ticks(for: .discovery, reason: "discovery from \(rootNow.id)")
        }
        return Outcome(root: root, found: found, added: added, alreadyThere: present)
    }
}
