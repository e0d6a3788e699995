import Foundation
import IncidentModel

/// A CloudTrail log file as CloudTrail delivers it to S3
/// (`AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_TIME_ID.json.gz`,
/// inflated: `{"Records": [ … ]}`), each record summed up in one line by
/// `CloudTrailRecordSummary`; `aws cloudtrail lookup-events` output kept in a
/// file (`{"Events": […]}`) is read too.
///
/// What is not a log file is refused with one line: a digest file (hashes of
/// the log files, for `validate-logs`, no events), CloudTrail Lake query output
/// (`QueryResultRows`), anything else without `Records`.
///
/// Record fields: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
public enum CloudTrailLogFile {
    public static func parse(_ data: Data) throws(AWSLogParseError) -> [AWSLogRecord] {
        guard let root = try? JSONSerialization.jsonObject(with: data) else {
            throw AWSLogParseError(data.isEmpty ? "the file is empty" : "not JSON, so not a CloudTrail log file")
        }
        guard let object = root as? [String: Any] else {
            throw AWSLogParseError("not a CloudTrail log file: expected {\"Records\": […]}, found a JSON \(root is [Any] ? "array" : "value")")
        }
        if let records = object["Records"] {
            guard let records = records as? [Any] else { throw AWSLogParseError("\"Records\" is not an array") }
            // Each record's own bytes, for its SHA-256 (nil if the scan and the parser disagree on the count).
            let spans = JSONElementSpans.elements(of: "Records", in: data).flatMap { $0.count == records.count ? $0 : nil }
            return records.enumerated().compactMap { index, record -> AWSLogRecord? in
                guard let fields = record as? [String: Any] else { return nil }
                let raw = spans.map { spans in [UInt8](data[data.startIndex + spans[index].lowerBound ..< data.startIndex + spans[index].upperBound]) }
                return CloudTrailRecordSummary.record(fields, index: index, raw: raw)
            }
            .sorted { $0.timestampMs < $1.timestampMs }
        }
        if object["digestStartTime"] != nil || object["digestPublicKeyFingerprint"] != nil || object["logFiles"] != nil {
            throw AWSLogParseError("a CloudTrail digest file (hashes of log files for validation, no events): follow the CloudTrail/ files, not CloudTrail-Digest/")
        }
        if object["QueryResultRows"] != nil || object["QueryStatistics"] != nil || object["queryResult"] != nil {
            throw AWSLogParseError("CloudTrail Lake query output, not a log file: Lake results are rows of chosen columns, not records")
        }
        if object["Events"] is [Any] {
            guard let text = String(data: data, encoding: .utf8) else { throw AWSLogParseError("lookup-events output that is not UTF-8") }
            do {
                return try CloudTrailEvents.parse(text).records
            } catch let error as AWSLogParseError {
                throw error
            } catch {
                throw AWSLogParseError("\(error)")
            }
        }
        let keys = object.keys.sorted().prefix(5).map(\.terminalSafe).joined(separator: ", ")
        throw AWSLogParseError("not a CloudTrail log file: expected {\"Records\": […]}, found keys \(keys.isEmpty ? "none" : keys)")
    }
}
