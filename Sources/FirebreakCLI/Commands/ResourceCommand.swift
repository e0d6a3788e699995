import ArgumentParser
import IncidentModel

/// `firebreak resource add|state …`.
struct ResourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource", abstract: "Add resources to an incident and move them through the states.",
        subcommands: [ResourceAddCommand.self, ResourceStateCommand.self, ResourceDiscoverCommand.self])
}

/// `firebreak resource add INCIDENT ID_OR_ARN [--kind K] [--region R] [--account A] [--state S] [--owner O]`.
struct ResourceAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a resource; prints its id.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The resource's id or ARN (i-…, AKIA…, s3://bucket, arn:aws:…).") var resource: String
    @Option(help: "The kind, when it cannot be inferred from the id.") var kind: String?
    @Option(help: "Its region (default: the ARN's, or the incident's only region).") var region: String?
    @Option(help: "Its account (default: the ARN's, or the incident's only account).") var account: String?
    @Option(help: "suspected compromised contained eradicated recovered cleared") var state: String = ResourceState.suspected.rawValue
    @Option(help: "Who owns it.") var owner: String?
    @OptionGroup var globals: GlobalOptions

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let reference = try ResourceIdentifier(parsing: resource, kind: try kind.map(ResourceKind.init(parsing:)))
        let explicitRegion = try region.map(AWSRegion.validate)
        let explicitAccount = try account.map(AWSAccount.validate)
        if let explicitRegion, let arnRegion = reference.region, explicitRegion != arnRegion {
            throw IncidentError.invalidInput("the ARN is in \(arnRegion) but --region says \(explicitRegion)")
        }
        if let explicitAccount, let arnAccount = reference.account, explicitAccount != arnAccount {
            throw IncidentError.invalidInput("the ARN is in account \(arnAccount) but --account says \(explicitAccount)")
        }
        let initialState = try ResourceState(parsing: state)
        let ownerName = try owner.map { try TextField.singleLine($0, named: "the owner", maxLength: 200) }
        let actor = try globals.operatorIdentity()
        try globals.writableStore(forExisting: id).append(to: id, actor: actor, at: nil) { current in
            [.resourceAdded(current.resourceAdded(reference, region: explicitRegion, account: explicitAccount,
                                                  owner: ownerName, state: initialState))]
        }
        Output.line(reference.id)
    }
}

/// `firebreak resource state INCIDENT RESOURCE STATE [--reason TEXT]`.
struct ResourceStateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "state", abstract: "Change a resource's state.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "The resource's id or ARN, as it was added.") var resource: String
    @Argument(help: "suspected compromised contained eradicated recovered cleared") var state: String
    @Option(help: "Why.") var reason: String?
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let target = try ResourceState(parsing: state)
        let why = try reason.map { try TextField.singleLine($0, named: "the reason") }
        let actor = try globals.operatorIdentity()
        var changed: ResourceStateChanged?
        try globals.writableStore(forExisting: id).append(to: id, actor: actor, at: nil) { current in
            let found = try current.resource(matching: resource)
            changed = ResourceStateChanged(resource: found.id, from: found.state, to: target, reason: why)
            return [.resourceStateChanged(changed!)]
        }
        Output.line("\(changed!.resource): \(changed!.from.rawValue) → \(target.rawValue)")
    }
}
