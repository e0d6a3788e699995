import AWSActions
import Foundation
import LogTail

extension LogRecord {
    /// The service's time wins over any time in the text; a CloudTrail error code makes the line an error; a
    /// rejected flow is worth a look (a warning), not an error of the log: only SKIPDATA is. A summed-up
    /// record (CloudTrail) goes with the line, so the line's SHA-256 is the record's.
    init(aws record: AWSLogRecord) {
        let level: LogLevel? = record.isError ? .error
            : record.isFlowRecord ? (record.message.hasPrefix("REJECT ") ? .warning : .info) : nil
        // A flow record without a start time (one that did not parse) is placed at its arrival.
        let time = record.timestampMs > 0 || !record.isFlowRecord ? Date(timeIntervalSince1970: Double(record.timestampMs) / 1000) : nil
        self.init(text: record.message, time: time, level: level, record: record.record)
    }
}
