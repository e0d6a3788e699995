/// One entry read from CloudWatch Logs or CloudTrail, with the service's own
/// time in epoch milliseconds, ready to become a line in the log pane
/// (`LogRecord(text: message, epochMilliseconds: timestampMs)`).
public struct AWSLogRecord: Sendable, Equatable {
    /// CloudWatch's `eventId`, CloudTrail's `EventId`: unique within the source.
    public var eventID: String
    /// The service's time: CloudWatch's `timestamp`, CloudTrail's `EventTime` (whole seconds).
    public var timestampMs: Int64
    /// One line for people: the log message, or a CloudTrail event summed up
    /// (`iam.amazonaws.com CreateAccessKey by alice key=AKIA… from 203.0.113.7`). Secrets redacted.
    public var message: String
    /// Where it came from: the log stream, or the event source.
    public var source: String?
    /// True when the service says the call failed (a CloudTrail `errorCode`).
    public var isError: Bool
    /// The whole record as the service gave it (CloudTrail's event JSON), redacted; nil for log events.
    public var detail: String?
    /// The bytes of the record the line sums up, exactly as AWS wrote them (a
    /// CloudTrail record in its log file, lookup-events' `CloudTrailEvent`), so
    /// the line's SHA-256 is the record's, not the summary's; nil when the line is the record.
    /// Never shown or stored: it may hold what `message` redacts.
    public var record: [UInt8]?
    /// The lines of a VPC Flow Logs record: `REJECT` is worth a look, and a text guess of the level means nothing.
    public var isFlowRecord: Bool

    public init(eventID: String, timestampMs: Int64, message: String, source: String? = nil, isError: Bool = false, detail: String? = nil,
                record: [UInt8]? = nil, isFlowRecord: Bool = false) {
        self.record = record
        self.isFlowRecord = isFlowRecord
        self.eventID = eventID
        self.timestampMs = timestampMs
        self.message = message
        self.source = source
        self.isError = isError
        self.detail = detail
    }
}
