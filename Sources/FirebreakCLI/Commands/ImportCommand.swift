import AWSActions
import ArgumentParser
import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore

/// `firebreak import INCIDENT FILE… [--from securityhub|guardduty] [--skip-invalid] [--state S] [--owner-tag NAME]… [--json]`.
///
/// Every file (or fetch) is parsed and checked before anything is written: a
/// malformed document, or a finding with a missing field or a hostile
/// resource id, stops the import with the file and finding index, and nothing
/// is recorded unless `--skip-invalid` asks for the valid findings alone.
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
        let regions: [String?] = aws.region.map { [$0] } ?? (current.incident.regions.isEmpty ? [nil] : current.incident.regions.map { $0 })
        let documents = try Self.documents(files: files, source: source, regions: regions, ownerTags: ownerTags, runners: {
            AccountProfiles.load(globals: globals).runners(base: try globals.awsRunner(for: current.incident, region: nil, outputLimit: 64 << 20),
                                                           accounts: current.incident.accounts).map(\.runner)
        })
        let outcome = try Self.record(documents, skipInvalid: skipInvalid, initialState: initialState, store: store, incident: id, actor: actor)
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
            ]))
            return
        }
        for finding in outcome.imported {
            Output.line("\(finding.source.rawValue) \(finding.id): \(finding.type) (\(finding.severity)), first seen \(Timestamp.format(finding.firstSeen)): \(finding.title)")
        }
        for resource in outcome.added {
            Output.line("  + \(resource.id) (\(resource.kind.rawValue)) \(resource.state.rawValue)" + (resource.owner.map { ", owner \($0)" } ?? ", NO OWNER TAG"))
        }
        if !outcome.intents.isEmpty { Output.line("suspected intent: \(outcome.intents.joined(separator: ", "))") }
        Output.line(outcome.summary(id))
    }

    /// What one import recorded.
    struct Outcome {
        var imported: [Finding] = []
        var already: [Finding] = []
        var added: [ResourceAdded] = []
        var intents: [String] = []
        var skipped: [FindingsError] = []

        /// `INC-3: 2 findings imported, 0 already there, 3 resources added`
        func summary(_ incident: IncidentID) -> String {
            "\(incident): \(imported.count) finding\(imported.count == 1 ? "" : "s") imported, \(already.count) already there, "
                + "\(added.count) resource\(added.count == 1 ? "" : "s") added"
        }
    }

    /// Every file parsed, then the findings fetched from `source` in each region
    /// through each runner (one per account the incident spans).
    static func documents(files: [String], source: FindingSource?, regions: [String?], ownerTags: OwnerTags,
                          runners: () throws -> [AWSCLIRunner]) throws -> [FindingsDocument] {
        var documents: [FindingsDocument] = []
        for file in files {
            let data: Data
            do {
                // Mapped, not read: a findings file can be hundreds of megabytes, and it is parsed a finding at a time.
                data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
            } catch {
                throw CLIError("cannot read \(file): no such readable file")
            }
            documents.append(try FindingsDocument.parse(data, source: file, ownerTags: ownerTags))
        }
        if let source {
            for runner in try runners() {
                let fetcher = FindingsFetcher(runner: runner, ownerTags: ownerTags)
                for region in regions {
                    documents += try fetcher.fetch(source, region: try region.map(AWSRegion.validate))
                }
            }
        }
        return documents
    }

    /// Findings appended per transaction.
    static let importBatchSize = 256

    /// Refuses a batch with an invalid finding (unless `skipInvalid`), then
    /// appends the findings oldest first, each dated when first seen, a few
    /// hundred a transaction (a crash loses at most the batch being written;
    /// importing again skips what is already there).
    static func record(_ documents: [FindingsDocument], skipInvalid: Bool, initialState: ResourceState?, store: any IncidentEventStore,
                       incident id: IncidentID, actor: String) throws -> Outcome {
        var outcome = Outcome()
        let problems = documents.flatMap(\.problems)
        if let first = problems.first, !skipInvalid {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more invalid)" : ""
            throw CLIError("\(first)\(more); nothing imported (--skip-invalid imports the valid findings alone)")
        }
        outcome.skipped = problems

        // One entry per finding, oldest first, so the timeline reads in the order things happened.
        var seen = Set<String>()
        let findings = documents.flatMap(\.findings)
            .filter { seen.insert($0.source.rawValue + "\u{0}" + $0.id).inserted }
            .sorted { $0.firstSeen < $1.firstSeen }
        let now = Date()
        // A few hundred findings a transaction: one commit and one projection write
        // for each batch instead of for each finding, so a large import stays linear.
        for start in stride(from: 0, to: findings.count, by: Self.importBatchSize) {
            let batch = findings[start..<min(start + Self.importBatchSize, findings.count)]
            let groups = batch.map { finding in
                AppendGroup(at: min(finding.firstSeen, now)) { state in FindingImport.events(for: finding, in: state, state: initialState) }
            }
            let result = try store.append(to: id, actor: actor, groups: groups)
            for (finding, events) in zip(batch, result.events) {
                if events.isEmpty { outcome.already.append(finding); continue }
                outcome.imported.append(finding)
                for event in events {
                    if case .resourceAdded(let body) = event.event.payload { outcome.added.append(body) }
                    if case .intentRecorded(let body) = event.event.payload { outcome.intents.append(body.intent) }
                }
            }
        }
        return outcome
    }
}
