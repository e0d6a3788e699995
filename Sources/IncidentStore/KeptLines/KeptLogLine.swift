import Foundation

/// A line from an external log source (a file, a CloudWatch Logs group, a
/// CloudTrail lookup) as the console kept it, so a replay can show the log
/// pane as it was.
///
/// Kept lines are evidence of what was *seen*, not decisions: they are not
/// events and are not part of the incident's hash chain. They are capped
/// (oldest dropped first, with a count of what was dropped), and a line
/// pinned as evidence is an event of its own, with its SHA-256, in the chain.
public struct KeptLogLine: Sendable, Equatable {
    /// The source's stable id (`file:/var/log/auth.log`, `cwl:/aws/lambda/pay`).
    public var sourceID: String
    /// What the pane called the source.
    public var sourceName: String
    /// The line's number within its source.
    public var sequence: UInt64
    /// When the line happened, as well as the source could tell.
    public var time: Date
    /// When the console read it: a replay shows it from this moment on.
    public var arrivedAt: Date
    /// `info`, `warning` or `error`.
    public var level: String
    /// The raw bytes kept (at most the console's raw-byte limit).
    public var raw: [UInt8]
    /// The length of the whole line as read, in bytes.
    public var rawLength: Int
    /// The SHA-256 of the whole line, 64 hex digits.
    public var sha256Hex: String

    public init(sourceID: String, sourceName: String, sequence: UInt64, time: Date, arrivedAt: Date, level: String,
                raw: [UInt8], rawLength: Int, sha256Hex: String) {
        self.sourceID = sourceID
        self.sourceName = sourceName
        self.sequence = sequence
        self.time = time
        self.arrivedAt = arrivedAt
        self.level = level
        self.raw = raw
        self.rawLength = rawLength
        self.sha256Hex = sha256Hex
    }
}
