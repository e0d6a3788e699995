/// How much of a line is kept, and how much of it is shown.
///
/// A single log line can be megabytes (a minified JSON document, a dumped
/// payload). The whole line is always hashed, its first `rawBytes` are kept
/// for pinning as evidence, and its first `displayBytes` are shown.
public struct LogLineLimits: Sendable, Hashable {
    /// Bytes of the raw line kept in memory (and pinned as evidence).
    public var rawBytes: Int
    /// Bytes of the raw line turned into display text before it is cut.
    public var displayBytes: Int

    public init(rawBytes: Int = 64 * 1024, displayBytes: Int = 8 * 1024) {
        self.rawBytes = max(1, rawBytes)
        self.displayBytes = max(1, min(displayBytes, self.rawBytes))
    }

    /// 64 KiB kept, 8 KiB shown.
    public static let `default` = LogLineLimits()
}
