import Foundation

/// Reads `aws cloudtrail lookup-events` output: `{"Events": [{"EventId",
/// "EventName", "ReadOnly", "AccessKeyId", "EventTime", "EventSource",
/// "Username", "Resources": [{"ResourceType", "ResourceName"}],
/// "CloudTrailEvent": "<the event as a JSON string>"}], "NextToken": …}`.
///
/// AWS CLI v1 prints `EventTime` as the wire gives it (epoch seconds, e.g.
/// `1764404100.0`); v2 and `--cli-timestamp-format iso8601` print RFC 3339:
/// both are read.
public enum CloudTrailEvents {
    public static func parse(_ json: String) throws -> (records: [AWSLogRecord], nextToken: String?) {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw AWSLogParseError("lookup-events printed something that is not its JSON document")
        }
        var records: [AWSLogRecord] = []
        for case let event as [String: Any] in root["Events"] as? [Any] ?? [] {
            guard let id = event["EventId"] as? String, let time = eventTime(event["EventTime"]) else { continue }
            let detailText = event["CloudTrailEvent"] as? String
            let detail = detailText.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? [:]
            let errorCode = detail["errorCode"] as? String
            var parts = [event["EventSource"] as? String ?? "?", event["EventName"] as? String ?? "?"]
            if let user = event["Username"] as? String { parts.append("by \(user)") }
            if let key = event["AccessKeyId"] as? String, !key.isEmpty { parts.append("key=\(key)") }
            if let address = detail["sourceIPAddress"] as? String { parts.append("from \(address)") }
            let resources = (event["Resources"] as? [[String: Any]] ?? []).compactMap { $0["ResourceName"] as? String }
            if !resources.isEmpty { parts.append("on \(resources.joined(separator: ", "))") }
            if let errorCode { parts.append("error=\(errorCode)" + ((detail["errorMessage"] as? String).map { ": \($0)" } ?? "")) }
            records.append(AWSLogRecord(
                eventID: id, timestampMs: time, message: SecretRedactor.redact(parts.joined(separator: " ")),
                source: event["EventSource"] as? String, isError: errorCode != nil, detail: detailText.map(SecretRedactor.redact),
                // The record as CloudTrail wrote it is the text of CloudTrailEvent (a JSON string holding it).
                record: detailText.map { Array($0.utf8) }))
        }
        return (records, root["NextToken"] as? String)
    }

    /// Seconds as whole milliseconds; nil for what no clock says (`nan`, `inf`,
    /// 1e300), which would trap in the conversion and end the process reading the page.
    static func milliseconds(seconds: Double) -> Int64? {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        return Int64((seconds * 1000).rounded())
    }

    /// Epoch seconds (a number) or an RFC 3339 string, as epoch milliseconds.
    static func eventTime(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber, !(value is String) { return milliseconds(seconds: number.doubleValue) }
        guard let text = value as? String else { return nil }
        if let seconds = Double(text) { return milliseconds(seconds: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}
