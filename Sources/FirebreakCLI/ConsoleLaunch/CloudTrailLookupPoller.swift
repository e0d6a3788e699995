import AWSActions
import LogTail

/// CloudTrail events of one lookup (a resource, an access key, a user) as a LogTail source.
struct CloudTrailLookupPoller: LogPoller {
    let poller: CloudTrailPoller

    func poll(after cursor: LogCursor?) throws -> LogPollResult {
        let page = try poller.poll(after: cursor?.token)
        return LogPollResult(records: page.records.map(LogRecord.init(aws:)), cursor: page.cursor.map(LogCursor.init), hasMore: page.hasMore)
    }
}
