import AWSActions
import ArgumentParser
import Foundation
import IncidentModel

/// `firebreak import INCIDENT FILE… [--from securityhub|guardduty] [--skip-invalid] [--state S] [--owner-tag NAME]… [--json]`.
///
/// Every file (or fetch) is parsed and checked before anything is written: a
/// malformed document, or a finding with a missing field or a hostile
/// resource id, stops the import with the file and finding index, and nothing
/// is recorded unless `--skip-invalid` asks for the valid findings alone.
/// Each finding is then appended in its own transaction with `at` = its first
/// seen time, so the timeline starts when the activity did.
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
        let store = try globals.writableStore()
        let current = try store.state(of: id)

        var documents: [FindingsDocument] = []
        for file in files {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("cannot read \(file): no such readable file")
            }
            documents.append(try FindingsDocument.parse(data, source: file, ownerTags: ownerTags))
        }
        if let source {
            let fetcher = FindingsFetcher(runner: try globals.awsRunner(region: nil, outputLimit: 64 << 20), ownerTags: ownerTags)
            let regions: [String?] = aws.region.map { [$0] } ?? (current.incident.regions.isEmpty ? [nil] : current.incident.regions.map { $0 })
            for region in regions {
                documents += try fetcher.fetch(source, region: try region.map(AWSRegion.validate))
            }
        }

        let problems = documents.flatMap(\.problems)
        if let first = problems.first, !skipInvalid {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more invalid)" : ""
            throw CLIError("\(first)\(more); nothing imported (--skip-invalid imports the valid findings alone)")
        }
        for problem in problems { Output.error("skipped \(problem)") }

        // One entry per finding, oldest first, so the timeline reads in the order things happened.
        var seen = Set<String>()
        let findings = documents.flatMap(\.findings)
            .filter { seen.insert($0.source.rawValue + "\u{0}" + $0.id).inserted }
            .sorted { $0.firstSeen < $1.firstSeen }

        var imported: [Finding] = [], already: [Finding] = [], added: [ResourceAdded] = [], intents: [String] = []
        let now = Date()
        for finding in findings {
            let result = try store.append(to: id, actor: actor, at: min(finding.firstSeen, now)) { state in
                FindingImport.events(for: finding, in: state, state: initialState)
            }
            if result.events.isEmpty { already.append(finding); continue }
            imported.append(finding)
            for event in result.events {
                if case .resourceAdded(let body) = event.event.payload { added.append(body) }
                if case .intentRecorded(let body) = event.event.payload { intents.append(body.intent) }
            }
        }
        if json {
            try Output.json(.object([
                "incident": .string(id.description),
                "imported": .array(imported.map { .string($0.id) }),
                "alreadyImported": .array(already.map { .string($0.id) }),
                "skipped": .array(problems.map { .string($0.description) }),
                "resourcesAdded": .array(added.map { .object(["id": .string($0.id), "kind": .string($0.kind.rawValue), "region": .string($0.region),
                                                              "account": .string($0.account), "owner": .string($0.owner), "state": .string($0.state.rawValue)]) }),
                "intents": .array(intents.map(JSONValue.string)),
            ]))
            return
        }
        for finding in imported {
            Output.line("\(finding.source.rawValue) \(finding.id): \(finding.type) (\(finding.severity)), first seen \(Timestamp.format(finding.firstSeen)): \(finding.title)")
        }
        for resource in added {
            Output.line("  + \(resource.id) (\(resource.kind.rawValue)) \(resource.state.rawValue)" + (resource.owner.map { ", owner \($0)" } ?? ", NO OWNER TAG"))
        }
        if !intents.isEmpty { Output.line("suspected intent: \(intents.joined(separator: ", "))") }
        Output.line("\(id): \(imported.count) finding\(imported.count == 1 ? "" : "s") imported, \(already.count) already there, \(added.count) resource\(added.count == 1 ? "" : "s") added")
    }
}
