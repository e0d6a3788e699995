import AWSActions
import Foundation
import LogTail

/// Reads the log files AWS delivers to S3, told apart by what they hold: JSON
/// is a CloudTrail log file (or lookup-events output), text with a flow log
/// header or in the version 2 shape is VPC Flow Logs; other text is shown a
/// line at a time as it is.
struct AWSDeliveredLogDecoder: DeliveredFileDecoder {
    /// The format of flow log files without a header line (`--flow-log-format`).
    var flowLogFormat: VPCFlowLogFormat?

    func records(in contents: [UInt8], name: String) throws -> [LogRecord] {
        guard let start = contents.firstIndex(where: { !Self.isSpace($0) }) else { return [] }
        if contents[start] == UInt8(ascii: "{") {
            return try CloudTrailLogFile.parse(Data(contents)).map(LogRecord.init(aws:))
        }
        let text = Substring(String(decoding: contents, as: UTF8.self))
        if flowLogFormat != nil || VPCFlowLogFile.looksLikeFlowLogs(text) {
            return try VPCFlowLogFile.parse(text, format: flowLogFormat).map(LogRecord.init(aws:))
        }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { LogRecord(text: String($0)) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
