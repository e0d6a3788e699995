extension LogLevel {
    /// Words that mark a line as an error when they start a word, compared
    /// case-insensitively. AWS error codes are included because a CloudTrail
    /// record of a denied call is the most interesting line of an incident.
    static let errorWords: [[UInt8]] = [
        "error", "err ", "fatal", "critical", "crit ", "panic", "exception", "traceback",
        "accessdenied", "unauthorized", "forbidden", "denied", "failed", "failure",
    ].map { Array($0.utf8) }

    /// Words that mark a line as a warning.
    static let warningWords: [[UInt8]] = ["warn"].map { Array($0.utf8) }

    /// Only the start of a line is read: levels are written near the start,
    /// and a megabyte line must not cost a megabyte of scanning.
    static let guessWindow = 4096

    /// The level `bytes` reads as: the most severe keyword that starts a word.
    ///
    /// ```swift
    /// LogLevel.guess(Array("2026-01-01T00:00:00Z WARN disk".utf8)) // .warning
    /// ```
    public static func guess(_ bytes: some Collection<UInt8>) -> LogLevel {
        if let guessed = bytes.withContiguousStorageIfAvailable({ guess(buffer: $0) }) { return guessed }
        return Array(bytes).withUnsafeBufferPointer { guess(buffer: $0) }
    }

    static func guess(buffer: UnsafeBufferPointer<UInt8>) -> LogLevel {
        let count = min(buffer.count, guessWindow)
        var found = LogLevel.info
        var index = 0
        while index < count {
            // ASCII lower case (harmless for the bytes tested), as a letter's place in the alphabet:
            // one test against a mask instead of nine comparisons, for every byte of every line.
            let slot = (buffer[index] | 0x20) &- UInt8(ascii: "a")
            // Only letters that start a keyword, and only at the start of a word.
            if slot < 26, (keywordInitials >> UInt32(slot)) & 1 == 1, index == 0 || !isLetter(buffer[index - 1]) {
                if startsWithAny(errorWords, buffer, at: index, count: count) { return .error }
                if found == .info, startsWithAny(warningWords, buffer, at: index, count: count) { found = .warning }
            }
            index += 1
        }
        return found
    }

    /// The letters a keyword starts with, one bit each from `a` (bit 0): a, c, d, e, f, p, t, u, w.
    /// A literal, not computed: a lazily made static costs a check on every byte.
    static let keywordInitials: UInt32 = 0b0101_1000_1000_0000_0011_1101

    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    private static func startsWithAny(_ words: [[UInt8]], _ buffer: UnsafeBufferPointer<UInt8>, at index: Int, count: Int) -> Bool {
        outer: for word in words where word.count <= count - index {
            for (offset, expected) in word.enumerated() {
                let byte = buffer[index + offset]
                // A space in a keyword stands for "the word ends here".
                if expected == UInt8(ascii: " ") {
                    if isLetter(byte) { continue outer }
                    continue
                }
                if byte | 0x20 != expected { continue outer }
            }
            return true
        }
        return false
    }
}
