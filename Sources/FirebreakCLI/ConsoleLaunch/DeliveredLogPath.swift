import AWSActions
import Foundation
import IncidentModel
import LogTail

/// Whether a path given to `--tail` (or `a` in the log pane) is log files as
/// AWS delivers them — a folder, a gzip'd file, a JSON document, a flow log
/// file with its header — read whole a file at a time, rather than a text
/// log followed line by line as it grows.
enum DeliveredLogPath {
    /// With `flowLogFormat` given, a text file whose first line has that many fields is flow logs too (records copied from CloudWatch Logs).
    static func isDelivered(_ path: String, flowLogFormat: VPCFlowLogFormat? = nil) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        if Gzip.isCompressed(head) { return true }
        guard let first = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return false }
        if first == UInt8(ascii: "{") { return true }
        let line = String(decoding: head.prefix { $0 != 0x0A }, as: UTF8.self)
        if let format = flowLogFormat, line.split(separator: " ").count == format.fields.count { return true }
        return VPCFlowLogFormat.header(Substring(line)) != nil
    }

    /// `delivered:` and the path with links and `..` resolved: one source however the path is spelt.
    static func sourceID(_ path: String) -> LogSourceID {
        LogSourceID("delivered:" + URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path)
    }

    /// The source for `path`; a single file is read once now, so one that is
    /// not a log (a CloudTrail digest file, Lake output) is refused with one line before the console starts.
    static func source(path: String, flowLogFormat: VPCFlowLogFormat?, after cursor: LogCursor?, pollSeconds: TimeInterval) throws -> any LogSource {
        let decoder = AWSDeliveredLogDecoder(flowLogFormat: flowLogFormat)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            do {
                _ = try DeliveredFilesPoller.records(of: URL(fileURLWithPath: path), decoder: decoder)
            } catch {
                throw CLIError("cannot follow \(path.terminalSafe): \(error)")
            }
        }
        return PollingLogSource(id: sourceID(path), displayName: path, poller: DeliveredFilesPoller(path: path, decoder: decoder),
                                after: cursor, interval: min(pollSeconds, 5))
    }
}
