import IncidentStore
import LogTail

/// A line kept in the database, as a replay shows it.
public struct KeptPaneLine: Sendable {
    public var line: LogTail.LogLine
    public var sourceName: String

    public init(line: LogTail.LogLine, sourceName: String) {
        self.line = line
        self.sourceName = sourceName
    }
}

extension KeptPaneLine {
    /// A line as the database kept it, hashing like the line that was read.
    public init(kept: KeptLogLine) {
        self.init(line: LogTail.LogLine(restoring: kept.raw, sourceID: LogSourceID(kept.sourceID), sequence: kept.sequence,
                                        rawLength: kept.rawLength, sha256Hex: kept.sha256Hex, time: kept.time,
                                        level: LogLevel(rawValue: kept.level) ?? .info, arrivedAt: kept.arrivedAt),
                  sourceName: kept.sourceName)
    }
}
