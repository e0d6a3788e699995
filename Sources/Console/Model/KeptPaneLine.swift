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
