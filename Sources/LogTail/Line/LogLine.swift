import Foundation

/// One line of a log, as Firebreak shows it and keeps it as evidence.
///
/// A line is made once, on the source's thread, and never changes:
///
/// - `text` is safe to draw (see `LogDisplayText`): no control character,
///   escape sequence or bidi override survives, and each is shown visibly;
/// - `raw` keeps the bytes exactly as read (without the `\n` that ended them,
///   with any `\r` before it), up to `LogLineLimits.rawBytes`;
/// - `sha256Hex` is the SHA-256 of the *whole* raw line, however long, so a
///   pinned line can be checked against the original log;
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
    /// The text to draw: sanitised, tabs expanded, cut with a marker if long.
    public let text: String
    /// True when `text` shows only the start of the line.
    public let isCut: Bool
    /// The length of the whole raw line in bytes.
    public let rawLength: Int
    /// The kept raw bytes, or nil when they are exactly `text`'s UTF-8 (most
    /// lines): storing them twice would double the buffer's memory.
    private let storedRaw: [UInt8]?
    private let digest: LineDigest

    /// A line from its raw bytes (without the terminating newline).
    ///
    /// - Parameters:
    ///   - time: the source's own timestamp for the line (CloudWatch's
    ///     epoch milliseconds), which wins over a time in the text.
    ///   - level: the source's own level (a CloudTrail error code), which wins
    ///     over the guess from the text.
    public init(sourceID: LogSourceID, sequence: UInt64, bytes: [UInt8], time: Date? = nil, level: LogLevel? = nil,
                arrivedAt: Date = Date(), limits: LogLineLimits = .default) {
        let digest = LineDigest(hashing: bytes)
        let kept = bytes.count > limits.rawBytes ? Array(bytes[0..<limits.rawBytes]) : bytes
        self.init(sourceID: sourceID, sequence: sequence, kept: kept, rawLength: bytes.count, digest: digest,
                  time: time, level: level, arrivedAt: arrivedAt, limits: limits)
    }

    /// A line from text (its UTF-8 is the raw line).
    public init(sourceID: LogSourceID, sequence: UInt64, text: String, time: Date? = nil, level: LogLevel? = nil,
                arrivedAt: Date = Date(), limits: LogLineLimits = .default) {
        self.init(sourceID: sourceID, sequence: sequence, bytes: Array(text.utf8), time: time, level: level,
                  arrivedAt: arrivedAt, limits: limits)
    }

    /// A line whose hash was computed while its bytes streamed in, of which
    /// only `kept` (at most `limits.rawBytes`) is still held.
    init(sourceID: LogSourceID, sequence: UInt64, kept: [UInt8], rawLength: Int, digest: LineDigest,
         time: Date?, level: LogLevel?, arrivedAt: Date, limits: LogLineLimits) {
        self.sourceID = sourceID
        self.sequence = sequence
        self.arrivedAt = arrivedAt
        self.rawLength = rawLength
        self.digest = digest
        let shown = kept.withUnsafeBufferPointer { buffer in
            LogDisplayText.make(buffer, limit: limits.displayBytes, totalBytes: rawLength)
        }
        text = shown.text
        isCut = shown.isCut
        storedRaw = shown.isExact ? nil : kept
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

    /// The raw bytes kept for the line (all of it unless `isRawComplete` is false).
    public var raw: [UInt8] { storedRaw ?? Array(text.utf8) }

    /// True when `raw` holds the whole line, not only its first `LogLineLimits.rawBytes`.
    public var isRawComplete: Bool { (storedRaw?.count ?? text.utf8.count) == rawLength }

    /// The SHA-256 of the whole raw line, as 64 lowercase hex digits.
    public var sha256Hex: String { digest.hex }

    /// The SHA-256 of the whole raw line.
    public var sha256: [UInt8] { digest.bytes }

    /// Roughly the heap memory the line holds, for the buffer's byte budget.
    public var footprint: Int { 160 + text.utf8.count + (storedRaw?.count ?? 0) }
}
