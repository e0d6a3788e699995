import Foundation

/// Follows CloudTrail management events for one lookup (a resource, an access
/// key, a user) by polling `cloudtrail lookup-events --start-time` from the
/// last event time seen; exactly once through the same cursor as CloudWatch
/// (`LogPollCursor`: CloudTrail's times are whole seconds, so many events share one).
///
/// Without `--max-items` the CLI pages through everything in the window
/// itself (newest first); the poller returns it oldest first. A window too big
/// for the runner's output limit fails with that said; start later.
///
/// ```swift
/// let poller = CloudTrailPoller(runner: runner, lookup: try CloudTrailLookup(.accessKeyID, "AKIA…"))
/// let page = try poller.poll(after: nil)
/// ```
///
/// CloudTrail delivers events minutes after they happen; one that arrives
/// with a time before the cursor is not seen.
public struct CloudTrailPoller: Sendable {
    public let runner: AWSCLIRunner
    public let lookup: CloudTrailLookup
    public let region: String?
    /// Where following begins without a cursor (epoch ms).
    public let startMs: Int64

    /// `start` defaults to 15 minutes ago: CloudTrail's usual delivery delay.
    public init(runner: AWSCLIRunner, lookup: CloudTrailLookup, region: String? = nil, start: Date = Date().addingTimeInterval(-900)) {
        self.runner = runner
        self.lookup = lookup
        self.region = region
        self.startMs = Int64((start.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The argv for one poll from `cursor` (start time in epoch seconds, which the CLI takes).
    public func arguments(from cursor: LogPollCursor) -> [String] {
        ["cloudtrail", "lookup-events", "--lookup-attributes", lookup.json, "--start-time", String(cursor.timestampMs / 1000)]
    }

    /// Events after `cursor` (a `LogPollCursor` text; nil: from `startMs`), oldest first.
    public func poll(after cursor: String?) throws -> AWSLogPage {
        let from = cursor.flatMap(LogPollCursor.init(text:)) ?? LogPollCursor(timestampMs: startMs)
        let call = try runner.run(arguments(from: from), region: region)
        if let failure = call.failure { throw failure }
        if call.truncated { throw AWSLogParseError("lookup-events printed more than the output limit; follow from a later time") }
        let (records, _) = try CloudTrailEvents.parse(call.stdout)
        // The start time went to the CLI in whole seconds: drop what precedes the cursor.
        let (fresh, next) = LogPollCursor.advance(from: from, over: records)
        return AWSLogPage(records: fresh, cursor: next.text, hasMore: false)
    }
}
