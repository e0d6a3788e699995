/// A VPC Flow Logs file as delivered to S3
/// (`AWSLogs/ACCOUNT/vpcflowlogs/REGION/YYYY/MM/DD/…_vpcflowlogs_….log.gz`,
/// inflated): a header line naming the fields, then one record a line. A file
/// without a header (records copied from CloudWatch Logs) is read with the
/// format given with the source, else as the default version 2 format when
/// its lines have that shape.
public enum VPCFlowLogFile {
    /// Whether `text` looks like flow logs: a header line, or a first record in the default format.
    public static func looksLikeFlowLogs(_ text: Substring) -> Bool {
        guard let first = text.split(separator: "\n", maxSplits: 1).first else { return false }
        if VPCFlowLogFormat.header(first) != nil { return true }
        let values = first.split(separator: " ")
        return values.count == VPCFlowLogFormat.defaultV2.fields.count && values[0] == "2"
    }

    /// The records, each in one line (`VPCFlowLogRecord`), in the file's order.
    public static func parse(_ text: Substring, format given: VPCFlowLogFormat?) throws(AWSLogParseError) -> [AWSLogRecord] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var format = given ?? .defaultV2
        if let first = lines.first, let header = VPCFlowLogFormat.header(first) {
            format = header
            lines.removeFirst()
        } else if given == nil, !looksLikeFlowLogs(text) {
            throw AWSLogParseError("not VPC Flow Logs: no header line and the first line is not a version 2 record (give the format with the source)")
        }
        return lines.enumerated().map { index, line in VPCFlowLogRecord.record(line, format: format, index: index) }
    }
}
