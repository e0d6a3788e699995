import Foundation

/// One line of a log, as Firebreak shows it and keeps it as evidence.
///
/// A line is made once, on the source's thread, and never changes. Making it
/// costs only what every line needs (its bytes, level and time, read from
/// the bytes); the rest is computed when asked, because most lines are
/// filtered out or scroll away unseen:
///
/// - `text` is safe to draw (see `LogDisplayText`): no control character,
///   escape sequence or bidi override survives, and each is shown visibly.
///   It is made from the bytes each time it is read: there is no other way
///   to a line's text, so every drawn line is sanitised;
/// - `raw` keeps the bytes exactly as read (without the `\n` that ended them,
///   with any `\r` before it), up to `LogLineLimits.rawBytes`;
/// - `sha256Hex` is the SHA-256 of the *whole* raw line, however long, so a
///   pinned line can be checked against the original log: hashed while it
///   streamed in for a line longer than what is kept, else from `raw` when
///   asked (pinning, keeping);
/// - `time` is the source's timestamp if it gave one, else the RFC 3339 time
///   the line starts with, else the arrival time (`timeOrigin` says which);
/// - `level` is what the source said, else a guess from the text.
///
/// ```swift
/// let line = LogLine(sourceID: "file:/var/log/auth.log", sequence: 7,
///                    text: "2026-11-29T03:04:05Z ERROR AccessDenied for AKIA…")
/// line.level      // .error
/// line.timeOrigin // .line
/// ```
public struct LogLine: Sendable, Equatable {
    /// The source the line came from.
    public let sourceID: LogSourceID
    /// The line's number within its source, counting from 0 as the source read it.
    public let sequence: UInt64
    /// When the line happened, as well as can be told (see `timeOrigin`).
    public let time: Date
    /// Where `time` came from.
    public let timeOrigin: LogTimeOrigin
    /// When Firebreak read the line.
    public let arrivedAt: Date
    /// How serious the line looks.
    public let level: LogLevel
    /// True when `text` shows only the start of the line.
    public let isCut: Bool
    /// The length of the whole raw line in bytes.
    public let rawLength: Int
    /// The kept raw bytes.
    private let kept: [UInt8]
    /// Bytes of `kept` turned into text before it is cut.
    private let displayBytes: Int
    /// True when `kept` is printable ASCII shown whole: its text is its bytes.
    let isPlain: Bool
    /// The hash of the whole line when it could not be made from `kept`
    /// (a line longer than kept, a restored line's recorded hash); nil when
    /// it is `kept`'s, made when asked.
    private let digest: LineDigest?

    /// A line from its raw bytes (without the terminating newline).
    ///
    /// - Parameters:
    ///   - time: the source's own timestamp for the line (CloudWatch's
    ///     epoch milliseconds), which wins over a time in the text.
    ///   - level: the source's own level (a CloudTrail error code), which wins
    ///     over the guess from the text.
    public init(sourceID: LogSourceID, sequence: UInt64, bytes: [UInt8], time: Date? = nil, level: LogLevel? = nil,
                arrivedAt: Date = Date(), limits: LogLineLimits = .default) {
        let cut = bytes.count > limits.rawBytes
        let kept = cut ? Array(bytes[0..<limits.rawBytes]) : bytes
        self.init(sourceID: sourceID, sequence: sequence, kept: kept, rawLength: bytes.count,
                  digest: cut ? LineDigest(hashing: bytes) : nil, time: time, level: level, arrivedAt: arrivedAt, limits: limits)
    }

    /// A line from text (its UTF-8 is the raw line).
    public init(sourceID: LogSourceID, sequence: UInt64, text: String, time: Date? = nil, level: LogLevel? = nil,
                arrivedAt: Date = Date(), limits: LogLineLimits = .default) {
        self.init(sourceID: sourceID, sequence: sequence, bytes: Array(text.utf8), time: time, level: level,
                  arrivedAt: arrivedAt, limits: limits)
    }

    /// A line of which only `kept` (at most `limits.rawBytes`) is held; `digest`
    /// is the whole line's hash when `kept` is not all of it.
    init(sourceID: LogSourceID, sequence: UInt64, kept: [UInt8], rawLength: Int, digest: LineDigest?,
         time: Date?, level: LogLevel?, arrivedAt: Date, limits: LogLineLimits) {
        self.sourceID = sourceID
        self.sequence = sequence
        self.arrivedAt = arrivedAt
        self.rawLength = rawLength
        self.kept = kept
        self.displayBytes = limits.displayBytes
        self.digest = digest
        // As `LogDisplayText.make` decides it: more than was kept, or more than is shown once CRs at the end are dropped.
        isCut = rawLength > kept.count || Self.endWithoutCarriageReturns(kept) > limits.displayBytes
        // A line ending in CR is not plain: its text drops the CR.
        isPlain = !isCut && kept.withUnsafeBufferPointer { LogDisplayText.isPrintableASCII($0) }
        if let time {
            self.time = time
            timeOrigin = .source
        } else if let parsed = kept.withUnsafeBufferPointer({ LogTimestampParser.parse(buffer: $0) }) {
            self.time = parsed
            timeOrigin = .line
        } else {
            self.time = arrivedAt
            timeOrigin = .arrival
        }
        self.level = level ?? kept.withUnsafeBufferPointer { LogLevel.guess(buffer: $0) }
    }

    private static func endWithoutCarriageReturns(_ bytes: [UInt8]) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The text to draw: sanitised, tabs expanded, cut with a marker if long.
    /// Made from the raw bytes at each read (the screen reads the lines it draws).
    public var text: String {
        if isPlain { return String(decoding: kept, as: UTF8.self) }
        return kept.withUnsafeBufferPointer { LogDisplayText.make($0, limit: displayBytes, totalBytes: rawLength).text }
    }

    /// Calls `body` with the bytes of `text` when they are the raw bytes
    /// (printable ASCII shown whole, the common case), so a filter can match
    /// them without making the text; nil for any other line.
    func withPlainBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        isPlain ? kept.withUnsafeBufferPointer(body) : nil
    }

    /// The raw bytes kept for the line (all of it unless `isRawComplete` is false).
    public var raw: [UInt8] { kept }

    /// True when `raw` holds the whole line, not only its first `LogLineLimits.rawBytes`.
    public var isRawComplete: Bool { kept.count == rawLength }

    /// The SHA-256 of the whole raw line, as 64 lowercase hex digits.
    public var sha256Hex: String { (digest ?? LineDigest(hashing: kept)).hex }

    /// The SHA-256 of the whole raw line.
    public var sha256: [UInt8] { (digest ?? LineDigest(hashing: kept)).bytes }

    /// Roughly the heap memory the line holds, for the buffer's byte budget.
    public var footprint: Int { 160 + kept.count }

    public static func == (lhs: LogLine, rhs: LogLine) -> Bool {
        lhs.sourceID == rhs.sourceID && lhs.sequence == rhs.sequence && lhs.time == rhs.time && lhs.timeOrigin == rhs.timeOrigin
            && lhs.arrivedAt == rhs.arrivedAt && lhs.level == rhs.level && lhs.isCut == rhs.isCut && lhs.rawLength == rhs.rawLength
            && lhs.kept == rhs.kept && lhs.displayBytes == rhs.displayBytes && lhs.sha256 == rhs.sha256
    }
}
