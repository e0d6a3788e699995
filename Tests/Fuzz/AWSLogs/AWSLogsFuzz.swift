import AWSActions
import Foundation
import FuzzSupport
import LogTail

/// What `aws cloudtrail lookup-events` and `aws logs filter-log-events` print
/// becomes lines in the log pane; the CloudTrail event inside each record and
/// every log message are written by whoever made the call or the log. The
/// same bytes are read as both: neither parser crashes, a refusal is one
/// line, and each record becomes a line whose display text holds nothing a
/// terminal acts on, at the service's own time.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSLogs(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzProperty.text(data, size)
    for (name, parse) in [("lookup-events", CloudTrailEvents.parse), ("filter-log-events", CloudWatchLogEvents.parse)] {
        let records: [AWSLogRecord]
        do {
            records = try parse(text).records
        } catch {
            FuzzProperty.require(FuzzProperty.isOneClearLine("\(error)"), "\(name): unclear refusal \("\(error)".debugDescription)")
            continue
        }
        for record in records {
            let line = LogLine(sourceID: "fuzz", sequence: 0, text: record.message,
                               time: Date(timeIntervalSince1970: Double(record.timestampMs) / 1000))
            FuzzProperty.require(FuzzProperty.isSafeToDraw(line.text), "\(name): a record's line keeps a control: \(line.text.debugDescription)")
            FuzzProperty.require(line.timeOrigin == .source, "\(name): the service's time was not the line's")
        }
    }
    return 0
}

/// libFuzzer, trying `fuzzAWSLogs`.
@main
enum FuzzAWSLogsMain {
    static func main() { FuzzMain.run(fuzzAWSLogs) }
}
