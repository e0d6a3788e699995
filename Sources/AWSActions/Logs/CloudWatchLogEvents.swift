import Foundation

/// Reads `aws logs filter-log-events` output (`{"events": [{"logStreamName",
/// "timestamp", "message", "ingestionTime", "eventId"}], "NextToken": …}`).
public enum CloudWatchLogEvents {
    /// The events as records, and the token the CLI printed when there are more.
    public static func parse(_ json: String) throws -> (records: [AWSLogRecord], nextToken: String?) {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw AWSLogParseError("filter-log-events printed something that is not its JSON document")
        }
        var records: [AWSLogRecord] = []
        for case let event as [String: Any] in root["events"] as? [Any] ?? [] {
            guard let id = event["eventId"] as? String, let time = (event["timestamp"] as? NSNumber)?.int64Value else { continue }
            let message = (event["message"] as? String ?? "").trimmingCharacters(in: .newlines)
            // The runner redacts JSON keys; a message is one escaped string, so redact its text again.
            records.append(AWSLogRecord(eventID: id, timestampMs: time, message: SecretRedactor.redact(message),
                                        source: event["logStreamName"] as? String))
        }
        return (records, (root["NextToken"] as? String) ?? (root["nextToken"] as? String))
    }
}
