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
        let runners = try globals.runnerFactory(region: aws.region)
        let outcome = try DiscoverRelated.discover(from: resource, in: id, store: try globals.writableStore(forExisting: id), actor: actor, runners: runners,
                                                   ownerTags: ownerTags)
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
}
