import AWSActions
import ArgumentParser
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations
import IncidentStore

/// `firebreak import INCIDENT FILE… [--from securityhub|guardduty] [--skip-invalid] [--state S] [--owner-tag NAME]… [--json]`.
///
/// Every file (or fetch) is parsed and checked before anything is written: a
/// malformed document, or an element that is not a finding at all (no id, no
/// type, no time), stops the import with the file and finding index, and
/// nothing is recorded unless `--skip-invalid` asks for the valid findings
/// alone. A finding with an odd field (a placeholder id, an account id of the
/// wrong length, a hostile resource id) is imported without that field, and
/// one line says which fields could not be used.
/// The findings are then appended a few hundred a transaction, each with
/// `at` = its first seen time, so the timeline starts when the activity did.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import Security Hub (ASFF) or GuardDuty findings as resources and timeline entries.")

    @Argument(help: "The incident.") var incident: String
    @Argument(help: "Findings files, as `securityhub get-findings` or `guardduty get-findings` print them.") var files: [String] = []
    @Option(help: "Fetch the findings through the AWS CLI instead: securityhub or guardduty.") var from: String?
    @Flag(help: "Import the valid findings of a file that also holds invalid ones (each skipped one is named on stderr).")
    var skipInvalid = false
    @Option(help: "The state the findings' new resources join in (default: compromised for HIGH and CRITICAL findings, else suspected).")
    var state: String?
    @Option(name: .customLong("owner-tag"), help: "A tag naming a resource's owner (repeatable; default Owner, owner, team).")
    var ownerTagNames: [String] = []
    @Option(name: .customLong("min-severity"), help: "Only findings of this severity or higher: informational, low, medium, high or critical.")
    var minSeverity: String?
    @Option(help: "Only findings whose activity was last seen at or after this time (RFC 3339).") var since: String?
    @Option(help: "Only findings that name this resource (id, name or ARN).") var resource: String?
    @Flag(help: "Print what was imported as JSON.") var json = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let initialState = try state.map(ResourceState.init(parsing:))
        let source = try from.map { text throws(FindingsError) in try FindingSource(parsing: text) }
        if files.isEmpty && source == nil { throw CLIError("give one or more findings files, or --from securityhub|guardduty") }
        let ownerTags = OwnerTags(names: try ownerTagNames.map { try TextField.singleLine($0, named: "--owner-tag", maxLength: 128) })
        let actor = try globals.operatorIdentity()
        let store = try globals.writableStore(forExisting: id)
        let current = try store.state(of: id)
        let filter = FindingsFilter(minimumSeverity: try minSeverity.map { text throws(FindingsError) in try FindingsFilter.Level(parsing: text) },
                                    since: try since.map { try Timestamp.parse($0, option: "--since") },
                                    resource: try resource.map { try TextField.singleLine($0, named: "--resource", maxLength: 2048) })
        let documents = try ImportFindings.documents(files: files, source: source, incident: current.incident, ownerTags: ownerTags, filter: filter,
                                                     runners: try globals.runnerFactory(region: aws.region))
        let outcome = try ImportFindings.record(documents, skipInvalid: skipInvalid, initialState: initialState, store: store, incident: id, actor: actor)
        for problem in outcome.skipped { Output.error("skipped \(problem)") }
        if json {
            try Output.json(.object([
                "incident": .string(id.description),
                "imported": .array(outcome.imported.map { .string($0.id) }),
                "alreadyImported": .array(outcome.already.map { .string($0.id) }),
                "skipped": .array(outcome.skipped.map { .string($0.description) }),
                "resourcesAdded": .array(outcome.added.map { .object(["id": .string($0.id), "kind": .string($0.kind.rawValue), "region": .string($0.region),
                                                                      "account": .string($0.account), "owner": .string($0.owner), "state": .string($0.state.rawValue)]) }),
                "intents": .array(outcome.intents.map(JSONValue.string)),
                "indicators": .array(outcome.indicators.map { .object(["kind": .string($0.kind.rawValue), "value": .string($0.value), "field": .string($0.field)]) }),
                "unusable": .array(outcome.imported.filter { !$0.unusable.isEmpty }.map {
                    .object(["finding": .string($0.id), "fields": .array($0.unusable.map(JSONValue.string))])
                }),
            ]))
            return
        }
        for finding in outcome.imported {
            Output.line("\(finding.source.rawValue) \(finding.id): \(finding.type) (\(finding.severity)), first seen \(Timestamp.format(finding.firstSeen)): \(finding.title)")
            // One line naming what could not be used; the rest of the finding was imported.
            if !finding.unusable.isEmpty { Output.line("  unusable: \(finding.unusable.joined(separator: "; "))") }
        }
        for resource in outcome.added {
            Output.line("  + \(resource.id) (\(resource.kind.rawValue)) \(resource.state.rawValue)" + (resource.owner.map { ", owner \($0)" } ?? ", NO OWNER TAG"))
        }
        if !outcome.intents.isEmpty { Output.line("suspected intent: \(outcome.intents.joined(separator: ", "))") }
        if !outcome.indicators.isEmpty {
            Output.line("indicators: " + outcome.indicators.map { "\($0.kind.rawValue) \($0.value)" }.joined(separator: ", "))
        }
        Output.line(outcome.summary(id))
    }
}
