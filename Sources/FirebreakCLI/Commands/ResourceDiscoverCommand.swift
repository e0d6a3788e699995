import AWSActions
import ArgumentParser
import IncidentModel
import IncidentOperations
import IncidentStore

/// `firebreak resource discover INCIDENT RESOURCE [--owner-tag NAME]… [--region R]`.
///
/// Reads AWS (read-only calls) for the resources related to one incident
/// resource and adds them as `suspected`, each linked to where it was found;
/// facts (a bucket's policy and public-access state, inline policies) and the
/// resources without an owner tag go into a note.
struct ResourceDiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover", abstract: "Add the resources related to one (volumes, groups, roles, users, keys…) as suspected.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The resource's id or ARN, as it was added.") var resource: String
    @Option(name: .customLong("owner-tag"), help: "A tag naming a resource's owner (repeatable; default Owner, owner, team).")
    var ownerTagNames: [String] = []
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let ownerTags = OwnerTags(names: try ownerTagNames.map { try TextField.singleLine($0, named: "--owner-tag", maxLength: 128) })
        let actor = try globals.operatorIdentity()
        let region = try aws.region.map(AWSRegion.validate)
        let store = try globals.writableStore()
        let current = try store.state(of: id)
        let account = try current.resource(matching: resource).account
        let runner = AccountProfiles.load(globals: globals).runner(base: try globals.awsRunner(for: current.incident, region: nil), account: account)
        try ActionAWSOptions.requireCLI(runner)
        let outcome = try Self.discover(from: resource, in: id, region: region, store: store, actor: actor,
                                        discovery: ResourceDiscovery(runner: runner, ownerTags: ownerTags))
        for body in outcome.added {
            Output.line("+ \(body.id) (\(body.kind.rawValue)) suspected: \(body.foundVia?.relation ?? "")"
                        + (body.owner.map { ", owner \($0)" } ?? ", NO OWNER TAG"))
        }
        for related in outcome.alreadyThere { Output.line("= \(related.reference.id) (already in \(id)): \(related.relation)") }
        for fact in outcome.found.facts { Output.line("  \(fact)") }
        if outcome.root.owner == nil {
            Output.line(outcome.found.owner.map { "  \(outcome.root.id) is tagged with owner \($0)" } ?? "  \(outcome.root.id) has NO OWNER TAG")
        }
        for problem in outcome.found.problems { Output.error("could not check: \(problem)") }
        Output.line(outcome.summary(id))
    }

    /// What one discovery found and added.
    struct Outcome {
        var root: Resource
        var found: DiscoveryResult
        var added: [ResourceAdded]
        var alreadyThere: [DiscoveredResource]

        /// `INC-3: 4 related resources added from i-0abc…`
        func summary(_ incident: IncidentID) -> String {
            "\(incident): \(added.count) related resource\(added.count == 1 ? "" : "s") added from \(root.id)"
        }
    }

    /// Discovers from one incident resource (in `region`, else the resource's
    /// own) and appends what is new as suspected, in one transaction. Throws
    /// when it found nothing because every call failed.
    static func discover(from resource: String, in incident: IncidentID, region: String?, store: any IncidentEventStore, actor: String,
                         discovery: ResourceDiscovery) throws -> Outcome {
        let current = try store.state(of: incident)
        let root = try current.resource(matching: resource)
        let reference = try ResourceIdentifier(parsing: root.id, kind: root.kind)
        let found = discovery.discover(reference, region: region ?? root.region, account: root.account)
        if found.related.isEmpty, let problem = found.problems.first {
            throw CLIError("discovery from \(root.id) found nothing: \(problem)")
        }
        var added: [ResourceAdded] = []
        let present = found.related.filter { current.existingResource(named: $0.reference.id) != nil }
        try store.append(to: incident, actor: actor, at: nil) { state in
            let rootNow = try state.resource(matching: root.id)
            let events = DiscoveryEvents.events(for: found, from: rootNow, in: state)
            added = events.compactMap { if case .resourceAdded(let body) = $0 { return body } else { return nil } }
            return events
        }
        return Outcome(root: root, found: found, added: added, alreadyThere: present)
    }
}
