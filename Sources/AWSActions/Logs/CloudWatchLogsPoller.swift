import Foundation
import IncidentModel

/// Follows a CloudWatch Logs group the way AWS CLI v1 allows: polling
/// `logs filter-log-events --start-time` from the last timestamp seen.
/// Exactly once, across restarts: the cursor (`LogPollCursor` text) holds the
/// last timestamp and the ids of the events returned at that millisecond.
///
/// Conforms in shape to LogTail's `LogPoller` (`poll(after:)` may block on the CLI):
///
/// ```swift
/// let poller = try CloudWatchLogsPoller(runner: runner, logGroup: "/aws/lambda/pay", filterPattern: "ERROR")
/// let page = try poller.poll(after: savedCursor)   // records oldest first, epoch-ms times
/// savedCursor = page.cursor
/// ```
///
/// Events that CloudWatch ingests late with a timestamp before the cursor are
/// not seen: the API has no "ingested after" filter.
public struct CloudWatchLogsPoller: Sendable {
    public let runner: AWSCLIRunner
    public let logGroup: String
    public let filterPattern: String?
    public let region: String?
    /// Where following begins without a cursor (epoch ms).
    public let startMs: Int64
    /// Events asked for per call (`--max-items`); more come with `hasMore`.
    public let pageSize: Int
    /// The format of a flow log delivered to the group, when not the default (version 2) one.
    public let flowLogFormat: VPCFlowLogFormat?

    /// Checks the group name and pattern before any call; `start` defaults to now.
    public init(runner: AWSCLIRunner, logGroup: String, filterPattern: String? = nil, region: String? = nil,
                start: Date = Date(), pageSize: Int = 1000, flowLogFormat: VPCFlowLogFormat? = nil) throws {
        _ = try ResourceIdentifier(parsing: logGroup, kind: .logGroup)
        if let filterPattern, filterPattern.firstControlCharacter != nil || filterPattern.count > 1024 {
            throw IncidentError.invalidInput("the filter pattern holds a control character or is longer than 1,024 characters")
        }
        self.runner = runner
        self.logGroup = logGroup
        self.filterPattern = filterPattern?.isEmpty == true ? nil : filterPattern
        self.region = region
        self.startMs = Int64((start.timeIntervalSince1970 * 1000).rounded(.down))
        self.pageSize = max(1, min(pageSize, 10_000))
        self.flowLogFormat = flowLogFormat
    }

    /// The argv for one poll from `cursor`.
    public func arguments(from cursor: LogPollCursor) -> [String] {
        var argv = ["logs", "filter-log-events", "--log-group-name", logGroup, "--start-time", String(cursor.timestampMs),
                    "--max-items", String(pageSize)]
        // The = form: a pattern such as "-DEBUG" can never read as a flag.
        if let filterPattern { argv.append("--filter-pattern=\(filterPattern)") }
        return argv
    }

    /// Records after `cursor` (a `LogPollCursor` text; nil: from `startMs`). Throws the CLI's failure in one line.
    public func poll(after cursor: String?) throws -> AWSLogPage {
        let from = cursor.flatMap(LogPollCursor.init(text:)) ?? LogPollCursor(timestampMs: startMs)
        let call = try runner.run(arguments(from: from), region: region)
        if let failure = call.failure { throw failure }
        return try page(call.stdout, from: from)
    }

    /// What one call printed, as the page after `from`: flow records in columns, what `from` already returned left out.
    public func page(_ stdout: String, from: LogPollCursor) throws -> AWSLogPage {
        let (records, nextToken) = try CloudWatchLogEvents.parse(stdout, flowLogFormat: flowLogFormat)
        let (fresh, next) = LogPollCursor.advance(from: from, over: records)
        return AWSLogPage(records: fresh, cursor: next.text, hasMore: nextToken != nil)
    }
}
