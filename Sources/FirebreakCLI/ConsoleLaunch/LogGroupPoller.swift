import AWSActions
import LogTail

/// A CloudWatch Logs group as a LogTail source: AWSActions' poller (through
/// the one AWS CLI runner) behind LogTail's `LogPoller`, its cursor text
/// carried as the `LogCursor`, so `PollingLogSource` does the thread, the
/// timing, the back-off and the status.
struct LogGroupPoller: LogPoller {
    let poller: CloudWatchLogsPoller

    func poll(after cursor: LogCursor?) throws -> LogPollResult {
        Self.result(try poller.poll(after: cursor?.token))
    }

    /// A page as LogTail's poll result.
    static func result(_ page: AWSLogPage) -> LogPollResult {
        LogPollResult(records: page.records.map(LogRecord.init(aws:)), cursor: page.cursor.map(LogCursor.init), hasMore: page.hasMore)
    }
}
