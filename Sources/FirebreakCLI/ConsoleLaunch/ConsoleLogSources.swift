import AWSActions
import Console
import Foundation
import IncidentModel
import IncidentStore
import LogTail

/// What the console follows beside the incident's own events: files
/// (`--tail`), CloudWatch Logs groups (`--follow-logs`) and CloudTrail for the
/// incident's resources (`--follow-cloudtrail`). Everything is checked here,
/// with one clear line, before curses takes the screen.
///
/// In a live console on a known incident each source resumes from the cursor
/// kept with its last lines, and its new lines are kept (`KeepingLogSource`).
enum ConsoleLogSources {
    /// CloudTrail's LookupEvents allows two calls a second per account: poll it gently.
    static let cloudTrailMinimumInterval: TimeInterval = 30
    /// At most this many resources get a CloudTrail source each.
    static let cloudTrailResourceLimit = 10

    /// One CloudWatch Logs group to follow, with its filter pattern.
    struct LogGroup: Equatable {
        var name: String
        var pattern: String?

        var sourceID: LogSourceID { LogSourceID("cwl:\(name)" + (pattern.map { "|\($0)" } ?? "")) }
        var displayName: String { name + (pattern.map { " [\($0)]" } ?? "") }
    }

    /// The groups and their patterns; refuses mismatched `--filter-pattern`s and bad numbers.
    static func check(_ options: ConsoleLogOptions) throws -> [LogGroup] {
        guard (0.2...3600).contains(options.pollSeconds) else {
            throw CLIError("--poll-seconds must be between 0.2 and 3600 (got \(options.pollSeconds))")
        }
        guard (100...10_000_000).contains(options.logLines) else {
            throw CLIError("--log-lines must be between 100 and 10,000,000 (got \(options.logLines))")
        }
        guard (1...10_000_000).contains(options.keepLines) else {
            throw CLIError("--keep-lines must be between 1 and 10,000,000 (got \(options.keepLines))")
        }
        _ = try options.keepCap()
        let groups = options.logGroups
        let patterns = options.filterPatterns
        if !patterns.isEmpty, groups.isEmpty { throw CLIError("--filter-pattern needs a --follow-logs group to apply to") }
        guard patterns.count <= 1 || patterns.count == groups.count else {
            throw CLIError("--filter-pattern was given \(patterns.count) times for \(groups.count) --follow-logs groups: give it once for all of them, or once per group in the same order")
        }
        for name in groups {
            do {
                _ = try ResourceIdentifier(parsing: name, kind: .logGroup)
            } catch {
                throw CLIError("--follow-logs \(name.terminalSafe): \(error)")
            }
        }
        return groups.enumerated().map { index, name in
            let pattern = patterns.count == groups.count ? patterns[index] : patterns.first
            return LogGroup(name: name, pattern: pattern?.isEmpty == true ? nil : pattern)
        }
    }

    /// The sources, ready to start. `incident` is where lines are kept and cursors read from (nil: nothing kept).
    /// A file named twice (another spelling of its path, a link to it) is followed once.
    static func make(tails: [String], tailsFromStart: [String], groups: [LogGroup], cloudTrail: Bool, pollSeconds: TimeInterval,
                     keepCap: KeptLinesCap, incident: IncidentState?, store: any IncidentEventStore, mode: ConsoleMode,
                     runner: () throws -> AWSCLIRunner, region: String?, flowLogFormat: VPCFlowLogFormat? = nil) throws -> [any LogSource] {
        if (!groups.isEmpty || cloudTrail), incident == nil {
            throw CLIError("--follow-logs and --follow-cloudtrail need the incident: firebreak console INC-n …")
        }
        let keeper = mode == .live ? store as? any KeptLogLineStore : nil
        func cursor(_ id: LogSourceID) throws -> LogCursor? {
            guard let keeper, let incident else { return nil }
            return try keeper.keptCursor(of: incident.incident.id, source: id.rawValue).map(LogCursor.init)
        }
        let keptCursors = try keeper.flatMap { keeper in try incident.map { try keeper.keptCursors(of: $0.incident.id) } } ?? [:]
        var sources: [any LogSource] = []
        var followed: Set<String> = []
        for (path, fromStart) in tails.map({ ($0, false) }) + tailsFromStart.map({ ($0, true) }) {
            // Log files as AWS delivers them (a folder, .json.gz, .log.gz): read whole, a file at a time, all of them.
            if DeliveredLogPath.isDelivered(path, flowLogFormat: flowLogFormat) {
                let id = DeliveredLogPath.sourceID(path)
                guard followed.insert(id.rawValue).inserted else { continue }
                sources.append(try DeliveredLogPath.source(path: path, flowLogFormat: flowLogFormat,
                                                           after: keptCursors[id.rawValue].map(LogCursor.init), pollSeconds: pollSeconds))
                continue
            }
            let (id, kept) = FileSourceIdentity.resolve(path: path, keptCursors: keptCursors)
            // Once per file: by id (its resolved path) and by device and inode (a hard link).
            let file = FileSourceIdentity.fileKey(path)
            guard !followed.contains(id.rawValue), file.map({ !followed.contains($0) }) ?? true else { continue }
            followed.insert(id.rawValue)
            if let file { followed.insert(file) }
            let start: FileLogSource.StartPosition = kept.map { .cursor($0) } ?? (fromStart ? .beginning : .end)
            sources.append(FileLogSource(path: path, id: id, start: start))
        }
        if !groups.isEmpty || cloudTrail {
            let runner = try runner()
            for group in groups {
                let poller = try CloudWatchLogsPoller(runner: runner, logGroup: group.name, filterPattern: group.pattern, region: region,
                                                     flowLogFormat: flowLogFormat)
                sources.append(PollingLogSource(id: group.sourceID, displayName: group.displayName, poller: LogGroupPoller(poller: poller),
                                                after: try cursor(group.sourceID), interval: pollSeconds))
            }
            if cloudTrail, let incident {
                sources += try cloudTrailSources(for: Array(incident.resources), runner: runner, region: region,
                                                 interval: max(pollSeconds, cloudTrailMinimumInterval), cursor: cursor)
            }
        }
        guard let keeper, let incident else { return sources }
        return sources.map { KeepingLogSource($0, store: keeper, incident: incident.incident.id, cap: keepCap) }
    }

    /// One CloudTrail source per resource (the first `cloudTrailResourceLimit`), looked up by access key, user or name.
    static func cloudTrailSources(for resources: [Resource], runner: AWSCLIRunner, region: String?, interval: TimeInterval,
                                  start: Date = Date().addingTimeInterval(-900),
                                  cursor: (LogSourceID) throws -> LogCursor?) throws -> [any LogSource] {
        try resources.prefix(cloudTrailResourceLimit).compactMap { resource -> (any LogSource)? in
            guard let lookup = try? CloudTrailLookup(resource: resource) else { return nil }
            let id = LogSourceID("cloudtrail:\(resource.id)")
            let poller = CloudTrailPoller(runner: runner, lookup: lookup, region: resource.region ?? region, start: start)
            return PollingLogSource(id: id, displayName: "cloudtrail \(lookup.value)", poller: CloudTrailLookupPoller(poller: poller),
                                    after: try cursor(id), interval: interval)
        }
    }
}
