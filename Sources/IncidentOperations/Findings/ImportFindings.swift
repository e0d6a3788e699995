import AWSActions
import Foundation
import IncidentModel
import IncidentStore

/// Importing findings (`firebreak import`, `F` in the console): every file
/// parsed and every fetch made before anything is written, then the findings
/// appended a few hundred a transaction, each dated when first seen.
public enum ImportFindings {
    /// What one import recorded.
    public struct Outcome {
        public var imported: [Finding] = []
        public var already: [Finding] = []
        public var added: [ResourceAdded] = []
        public var intents: [String] = []
        /// The indicators of compromise the imported findings named, each kind and value once.
        public var indicators: [IndicatorSighting] = []
        public var skipped: [FindingsError] = []

        /// `INC-3: 2 findings imported, 0 already there, 3 resources added`
        public func summary(_ incident: IncidentID) -> String {
            "\(incident): \(imported.count) finding\(imported.count == 1 ? "" : "s") imported, \(already.count) already there, "
                + "\(added.count) resource\(added.count == 1 ? "" : "s") added"
        }
    }

    /// Bytes a findings fetch may print: a large Security Hub account prints
    /// tens of megabytes, far above the runner's 1 MiB for other calls. The
    /// import sets it itself, so every front end fetches with the same cap.
    public static let outputLimit = 64 << 20

    /// The regions to fetch from (`RegionRule`); the CLI's default region when nothing names one.
    public static func regions(given: String?, incident: Incident) throws -> [String?] {
        let regions = try RegionRule.regions(given: given.map { [$0] } ?? [], incident: incident)
        return regions.isEmpty ? [nil] : regions
    }

    /// Every file parsed, then the findings fetched from `source` in each region
    /// the rule names (`runners.givenRegion` first), once per account of the incident.
    public static func documents(files: [String], source: FindingSource?, incident: Incident, ownerTags: OwnerTags,
                                 filter: FindingsFilter = FindingsFilter(), runners: AWSRunnerFactory) throws -> [FindingsDocument] {
        try documents(files: files, source: source, regions: try regions(given: runners.givenRegion, incident: incident), ownerTags: ownerTags,
                      filter: filter, runners: { try runners.runners(for: incident).map(\.runner) })
    }

    /// Every file parsed, then the findings fetched from `source` in each region
    /// through each runner (one per account the incident spans).
    public static func documents(files: [String], source: FindingSource?, regions: [String?], ownerTags: OwnerTags,
                          filter: FindingsFilter = FindingsFilter(), runners: () throws -> [AWSCLIRunner]) throws -> [FindingsDocument] {
        var documents: [FindingsDocument] = []
        for file in files {
            let data: Data
            do {
                // Mapped, not read: a findings file can be hundreds of megabytes, and it is parsed a finding at a time.
                data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
            } catch {
                throw OperationError.unreadableFile(file)
            }
            var document = try FindingsDocument.parse(data, source: file, ownerTags: ownerTags)
            document.findings = document.findings.filter(filter.admits)
            documents.append(document)
        }
        if let source {
            for runner in try runners() {
                var runner = runner
                runner.configuration.outputLimit = max(runner.configuration.outputLimit, outputLimit)
                let fetcher = FindingsFetcher(runner: runner, ownerTags: ownerTags, filter: filter)
                for region in regions {
                    documents += try fetcher.fetch(source, region: try region.map(AWSRegion.validate))
                }
            }
        }
        return documents
    }

    /// Findings appended per transaction.
    public static let importBatchSize = 256

    /// Refuses a batch with an invalid finding (unless `skipInvalid`), then
    /// appends the findings oldest first, each dated when first seen, a few
    /// hundred a transaction (a crash loses at most the batch being written;
    /// importing again skips what is already there).
    public static func record(_ documents: [FindingsDocument], skipInvalid: Bool, initialState: ResourceState?, store: any IncidentEventStore,
                       incident id: IncidentID, actor: String) throws -> Outcome {
        var outcome = Outcome()
        let problems = documents.flatMap(\.problems)
        if let first = problems.first, !skipInvalid {
            throw OperationError.invalidFindings(first: "\(first)", more: problems.count - 1)
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
                    if case .indicatorsRecorded(let body) = event.event.payload {
                        for indicator in body.indicators where !outcome.indicators.contains(where: { $0.kind == indicator.kind && $0.value == indicator.value }) {
                            outcome.indicators.append(indicator)
                        }
                    }
                }
            }
        }
        return outcome
    }
}
