import Foundation

/// Reads `aws logs filter-log-events` output (`{"events": [{"logStreamName",
/// "timestamp", "message", "ingestionTime", "eventId"}], "NextToken": …}`)
/// and `get-log-events` output (`{"events": [{"timestamp", "message",
/// "ingestionTime"}], "nextForwardToken": …}`, no event ids: each is named by
/// its time and place in the page).
///
/// A group that VPC Flow Logs deliver to holds one flow record a message, in
/// the default (version 2) format or the flow log's own: each such message is
/// read into columns by the same parser as S3-delivered files
/// (`VPCFlowLogRecord`), so `action=REJECT` and addresses filter alike; other
/// messages stay as they are.
public enum CloudWatchLogEvents {
    /// The events as records, and the token the CLI printed when there are more.
    /// `flowLogFormat`: the flow log's format when it is not the default one.
    public static func parse(_ json: String) throws -> (records: [AWSLogRecord], nextToken: String?) {
        try parse(json, flowLogFormat: nil)
    }

    /// The same, flow records read in `flowLogFormat` (nil: the default format).
    public static func parse(_ json: String, flowLogFormat: VPCFlowLogFormat?) throws -> (records: [AWSLogRecord], nextToken: String?) {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw AWSLogParseError("filter-log-events printed something that is not its JSON document")
        }
        var records: [AWSLogRecord] = []
        for (index, element) in (root["events"] as? [Any] ?? []).enumerated() {
            guard let event = element as? [String: Any] else { continue }
            guard let time = (event["timestamp"] as? NSNumber)?.int64Value else { continue }
            let id = event["eventId"] as? String ?? "\(time)-\(index)"
            let message = (event["message"] as? String ?? "").trimmingCharacters(in: .newlines)
            let stream = event["logStreamName"] as? String
            if let flow = VPCFlowLogRecord.recordIfFlow(Substring(message), format: flowLogFormat, index: index) {
                // CloudWatch's own time and id, the flow record's columns.
                records.append(AWSLogRecord(eventID: id, timestampMs: time, message: flow.message, source: stream,
                                            isError: flow.isError, isFlowRecord: true))
                continue
            }
            // The runner redacts JSON keys; a message is one escaped string, so redact its text again.
            records.append(AWSLogRecord(eventID: id, timestampMs: time, message: SecretRedactor.redact(message), source: stream))
        }
        let token = (root["NextToken"] as? String) ?? (root["nextToken"] as? String)
        return (records, token)
    }
}
