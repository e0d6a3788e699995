/// What one poll returned: the shape of LogTail's `LogPollResult`, with the
/// cursor as its text (`LogCursor(page.cursor)`).
public struct AWSLogPage: Sendable, Equatable {
    /// New records, oldest first; none already returned for an earlier cursor.
    public var records: [AWSLogRecord]
    /// Resumes just after the last record (the one passed in when there were none).
    public var cursor: String?
    /// The service has more right now: poll again at once.
    public var hasMore: Bool

    public init(records: [AWSLogRecord], cursor: String?, hasMore: Bool = false) {
        self.records = records
        self.cursor = cursor
        self.hasMore = hasMore
    }
}
