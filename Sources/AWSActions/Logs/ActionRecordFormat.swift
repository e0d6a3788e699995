/// How a read-only action's output becomes log records (the query results
/// that stream into the log pane): named by a definition's `records` field.
public enum ActionRecordFormat: String, Sendable, CaseIterable {
    /// `cloudtrail lookup-events` output.
    case cloudTrailEvents = "cloudtrail-events"
    /// `logs filter-log-events` output.
    case logEvents = "log-events"

    /// The records in one call's stdout, oldest first.
    public func records(from stdout: String) throws -> [AWSLogRecord] {
        let records: [AWSLogRecord]
        switch self {
        case .cloudTrailEvents: records = try CloudTrailEvents.parse(stdout).records
        case .logEvents: records = try CloudWatchLogEvents.parse(stdout).records
        }
        return records.sorted { ($0.timestampMs, $0.eventID) < ($1.timestampMs, $1.eventID) }
    }
}
