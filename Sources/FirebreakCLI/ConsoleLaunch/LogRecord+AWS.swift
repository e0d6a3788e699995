import AWSActions
import LogTail

extension LogRecord {
    /// The service's time wins over any time in the text; a CloudTrail error code makes the line an error.
    init(aws record: AWSLogRecord) {
        self.init(text: record.message, epochMilliseconds: record.timestampMs, level: record.isError ? .error : nil)
    }
}
