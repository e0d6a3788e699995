import Foundation

/// One entry a poller fetched, before it becomes a `LogLine`.
public struct LogRecord: Sendable {
    /// The line's raw bytes, without a trailing newline.
    public var bytes: [UInt8]
    /// The time the service recorded (CloudWatch's `timestamp`, CloudTrail's
    /// `EventTime`); it wins over a time in the text.
    public var time: Date?
    /// The level the service implies (a CloudTrail `errorCode` is `.error`).
    public var level: LogLevel?
    /// The record the line sums up, as the service wrote it (a CloudTrail
    /// record): the line's SHA-256 is this's, so a pin can be checked against
    /// the record; nil when the line is the record.
    public var record: [UInt8]?

    public init(bytes: [UInt8], time: Date? = nil, level: LogLevel? = nil, record: [UInt8]? = nil) {
        self.record = record
        self.bytes = bytes
        self.time = time
        self.level = level
    }

    public init(text: String, time: Date? = nil, level: LogLevel? = nil, record: [UInt8]? = nil) {
        self.init(bytes: Array(text.utf8), time: time, level: level, record: record)
    }

    /// A record whose time is given as epoch milliseconds, as CloudWatch Logs gives it.
    public init(text: String, epochMilliseconds: Int64, level: LogLevel? = nil, record: [UInt8]? = nil) {
        self.init(text: text, time: Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000), level: level, record: record)
    }
}

/// What one poll returned.
public struct LogPollResult: Sendable {
    /// New records, oldest first; none already returned for an earlier cursor.
    public var records: [LogRecord]
    /// The cursor just after the last record (or the one passed in, if none).
    public var cursor: LogCursor?
    /// True when the service has more right now (a `nextToken`): poll again
    /// at once instead of waiting.
    public var hasMore: Bool

    public init(records: [LogRecord], cursor: LogCursor?, hasMore: Bool = false) {
        self.records = records
        self.cursor = cursor
        self.hasMore = hasMore
    }
}

/// Fetches what a remote log has after a cursor: the one thing a CloudWatch
/// Logs or CloudTrail source has to implement; `PollingLogSource` does the
/// thread, timing, back-off, pausing and status.
///
/// `poll` runs on the source's own thread, so it may block (waiting for the
/// AWS CLI). Throwing reports the error in the pane and retries later with
/// the same cursor. A poller is responsible for "exactly once": the cursor it
/// returns must resume just after the last record it returned — for
/// CloudWatch, the last timestamp plus the event ids already seen at that
/// millisecond, since `filter-log-events --start-time` is inclusive.
///
/// ```swift
/// struct LogGroupPoller: LogPoller {
///     func poll(after cursor: LogCursor?) throws -> LogPollResult {
///         let page = try runner.filterLogEvents(group, after: decode(cursor))
///         return LogPollResult(records: page.events.map { LogRecord(text: $0.message, epochMilliseconds: $0.timestamp) },
///                              cursor: encode(page.last), hasMore: page.nextToken != nil)
///     }
/// }
/// let source = PollingLogSource(id: "cwl:/aws/lambda/pay", displayName: "/aws/lambda/pay",
///                               poller: LogGroupPoller(…), after: savedCursor, interval: 5)
/// ```
public protocol LogPoller: Sendable {
    /// Records after `cursor` (nil: wherever following should begin).
    func poll(after cursor: LogCursor?) throws -> LogPollResult
}
