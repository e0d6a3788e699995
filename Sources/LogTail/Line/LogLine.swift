import Foundation

/// One line of a log, as Firebreak shows it and keeps it as evidence.
///
/// A line is made once, on the source's thread, and never changes. Making it
/// costs only what every line needs (its bytes, and whether they are plain
/// printable ASCII); the rest is computed from the bytes when asked, because
/// most lines are filtered out or scroll away unseen:
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
///   asked (pinning, keeping). A line that sums up a record (a CloudTrail
///   record in one line) carries the record's SHA-256 instead, of its bytes
///   as AWS wrote them (`hashesRecord`);
/// - `time` is the source's timestamp if it gave one, else the RFC 3339 time
///   the line starts with, else the arrival time (`timeOrigin` says which),
///   read from the bytes at each read;
/// - `level` is what the source said, else a guess from the bytes at each read.
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
    /// When Firebreak read the line.
    public let arrivedAt: Date
    /// The source's own time for the line, if it gave one.
    private let sourceTime: Date?
    /// The source's own level for the line, if it gave one.
    private let sourceLevel: LogLevel?
    /// True when `text` shows only the start of the line.
    public let isCut: Bool
    /// The length of the whole raw line in bytes.
    public let rawLength: Int
    /// The kept raw bytes: a slice of the chunk the file source read when the
    /// line lay whole in it (`sharesChunk`), so a line costs no copy of its own
    /// until it is kept (`detached()`).
    private var kept: ArraySlice<UInt8>
    /// True when `kept` is a slice of a read chunk other lines share.
    private(set) var sharesChunk: Bool
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
    ///   - record: the record the line sums up, as the source read it; the line's SHA-256 is the record's.
    public init(sourceID: LogSourceID, sequence: UInt64, bytes: [UInt8], time: Date? = nil, level: LogLevel? = nil,
                arrivedAt: Date = Date(), limits: LogLineLimits = .default, summarizing record: [UInt8]? = nil) {
        let cut = bytes.count > limits.rawBytes
        let kept = cut ? ArraySlice(Array(bytes[0..<limits.rawBytes])) : ArraySlice(bytes)
        let digest = record.map(LineDigest.init(hashing:)) ?? (cut ? LineDigest(hashing: bytes) : nil)
        self.init(sourceID: sourceID, sequence: sequence, kept: kept, rawLength: bytes.count,
                  digest: digest, time: time, level: level, arrivedAt: arrivedAt, limits: limits)
    }

    /// A line from text (its UTF-8 is the raw line).
    public init(sourceID: LogSourceID, sequence: UInt64, text: String, time: Date? = nil, level: LogLevel? = nil,
                arrivedAt: Date = Date(), limits: LogLineLimits = .default) {
        self.init(sourceID: sourceID, sequence: sequence, bytes: Array(text.utf8), time: time, level: level,
                  arrivedAt: arrivedAt, limits: limits)
    }

    /// A line of which only `kept` (at most `limits.rawBytes`) is held; `digest`
    /// is the whole line's hash when `kept` is not all of it.
    init(sourceID: LogSourceID, sequence: UInt64, kept: ArraySlice<UInt8>, sharesChunk: Bool = false, rawLength: Int, digest: LineDigest?,
         time: Date?, level: LogLevel?, arrivedAt: Date, limits: LogLineLimits) {
        self.sourceID = sourceID
        self.sequence = sequence
        self.arrivedAt = arrivedAt
        self.rawLength = rawLength
        self.kept = kept
        self.sharesChunk = sharesChunk
        self.displayBytes = limits.displayBytes
        self.digest = digest
        sourceTime = time
        sourceLevel = level
        // As `LogDisplayText.make` decides it: more than was kept, or more than is shown once CRs at the end are dropped.
        let shown = kept.withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) -> (cut: Bool, plain: Bool) in
            let cut = rawLength > bytes.count || Self.endWithoutCarriageReturns(bytes) > limits.displayBytes
            // A line ending in CR is not plain: its text drops the CR.
            return (cut, !cut && LogDisplayText.isPrintableASCII(bytes))
        }
        isCut = shown.cut
        isPlain = shown.plain
    }

    /// When the line happened, as well as can be told (see `timeOrigin`):
    /// read from the bytes at each read, because most lines are never asked.
    public var time: Date {
        if let sourceTime { return sourceTime }
        return kept.withUnsafeBufferPointer { LogTimestampParser.parse(buffer: $0) } ?? arrivedAt
    }

    /// Where `time` came from.
    public var timeOrigin: LogTimeOrigin {
        if sourceTime != nil { return .source }
        return kept.withUnsafeBufferPointer { LogTimestampParser.parse(buffer: $0) } != nil ? .line : .arrival
    }

    /// How serious the line looks: the source's level, else a guess from the bytes, made at each read.
    public var level: LogLevel {
        sourceLevel ?? kept.withUnsafeBufferPointer { LogLevel.guess(buffer: $0) }
    }

    private static func endWithoutCarriageReturns(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
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
    public var raw: [UInt8] { Array(kept) }

    /// True when `raw` holds the whole line, not only its first `LogLineLimits.rawBytes`.
    public var isRawComplete: Bool { kept.count == rawLength }

    /// The SHA-256 of the whole raw line, as 64 lowercase hex digits.
    public var sha256Hex: String { (digest ?? LineDigest(hashing: kept)).hex }

    /// The SHA-256 of the whole raw line.
    public var sha256: [UInt8] { (digest ?? LineDigest(hashing: kept)).bytes }

    /// True when `sha256Hex` is of the record the line sums up, not of the line:
    /// the whole line is held and its hash is another. Told from the hashes
    /// rather than stored, so a line restored from the database (which keeps
    /// the hash) says the same as it did live.
    public var hashesRecord: Bool {
        guard let digest, isRawComplete else { return false }
        return digest != LineDigest(hashing: kept)
    }

    /// Roughly the heap memory the line holds, for the buffer's byte budget.
    public var footprint: Int { 160 + kept.count }

    /// The line holding only its own bytes: one read from a shared chunk
    /// copies them out, so a line kept for long does not keep its neighbours'.
    public func detached() -> LogLine {
        guard sharesChunk else { return self }
        var own = self
        own.kept = ArraySlice(Array(kept))
        own.sharesChunk = false
        return own
    }

    public static func == (lhs: LogLine, rhs: LogLine) -> Bool {
        lhs.sourceID == rhs.sourceID && lhs.sequence == rhs.sequence && lhs.time == rhs.time && lhs.timeOrigin == rhs.timeOrigin
            && lhs.arrivedAt == rhs.arrivedAt && lhs.level == rhs.level && lhs.isCut == rhs.isCut && lhs.rawLength == rhs.rawLength
            && lhs.kept == rhs.kept && lhs.displayBytes == rhs.displayBytes && lhs.sha256 == rhs.sha256
    }
}
