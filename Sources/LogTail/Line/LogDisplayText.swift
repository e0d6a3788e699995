/// Turns the raw bytes of a log line into text that is safe to draw.
///
/// Log lines are written by whoever attacked the system, so nothing in them
/// may reach the terminal as anything but printable characters, and what was
/// neutralised must stay *visible* (a responder needs to see that a line
/// tried to clear the screen):
///
/// - invalid UTF-8 becomes U+FFFD;
/// - trailing carriage returns (CRLF line ends) are dropped;
/// - tabs expand to spaces up to the next multiple of 8 columns;
/// - C0 controls and DEL become caret notation: ESC is `^[`, so `ESC[2J` shows
///   as `^[[2J`, a carriage return inside the line as `^M`, BEL as `^G`;
/// - C1 controls (U+0080…U+009F, such as the 8-bit CSI U+009B), bidi
///   embeddings, overrides, isolates and marks, line/paragraph separators and
///   interlinear annotations become U+FFFD;
/// - a line longer than the display limit is cut at a character boundary and
///   ends with a marker saying how long it really was.
///
/// These are the same substitutions `TerminalUI.TextSanitizer` makes when it
/// draws, so drawing a display text changes nothing further, and the columns
/// computed here for tabs are the columns the screen shows.
public enum LogDisplayText {
    /// The text shown in place of a line's cut tail; `%d` is the full length.
    static func cutMarker(totalBytes: Int) -> String {
        " … [line cut: \(totalBytes) bytes]"
    }

    /// Tab stops every this many columns.
    public static let tabWidth = 8

    /// The display text of `bytes` (without its line terminator), cut to at
    /// most `limit` bytes of input; `totalBytes` is the length of the whole
    /// line when `bytes` is only its start.
    ///
    /// Returns the text and whether it differs from the input bytes (when it
    /// does not, the bytes need not be stored twice).
    public static func make(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, totalBytes: Int? = nil) -> (text: String, isExact: Bool, isCut: Bool) {
        let total = totalBytes ?? bytes.count
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        var isCut = total > bytes.count
        if end > limit {
            end = limit
            // Back up to the start of a UTF-8 sequence so the cut does not
            // leave a stray replacement character.
            var back = 0
            while end > 0, back < 3, bytes[end] & 0xC0 == 0x80 { end -= 1; back += 1 }
            isCut = true
        }
        let body = UnsafeBufferPointer(rebasing: bytes[0..<end])
        var text: String
        var isExact = !isCut && end == bytes.count
        if isPrintableASCII(body) {
            text = String(decoding: body, as: UTF8.self)
        } else {
            text = sanitize(body)
            if isExact { isExact = text.utf8.elementsEqual(body) }
        }
        if isCut { text += cutMarker(totalBytes: total) }
        return (text, isExact, isCut)
    }

    /// Convenience for tests and small inputs.
    public static func make(_ bytes: [UInt8], limit: Int = LogLineLimits.default.displayBytes) -> String {
        bytes.withUnsafeBufferPointer { make($0, limit: limit).text }
    }

    /// True when every byte is printable ASCII: the common case, which needs
    /// no decoding and no column bookkeeping.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            // Eight bytes at a time (every line is tested when it is made): a word is printable
            // ASCII when no byte has its high bit set, none is below 0x20 and none is 0x7F (DEL).
            // The "has a byte below n" and "has a zero byte" tests are exact for the word as a whole.
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let below = (word &- ones &* 0x20) & ~word & high
                let delete = word ^ (ones &* 0x7F)
                let isDelete = (delete &- ones) & ~delete & high
                if (word & high) | below | isDelete != 0 { return false }
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] < 0x20 || bytes[index] >= 0x7F { return false }
            index += 1
        }
        return true
    }

    static func sanitize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        var result = ""
        result.reserveCapacity(bytes.count + 16)
        var column = 0
        for scalar in decoded.unicodeScalars {
            let value = scalar.value
            if value == 0x09 {
                let spaces = tabWidth - column % tabWidth
                result.append(String(repeating: " ", count: spaces))
                column += spaces
            } else if value < 0x20 || value == 0x7F {
                result.unicodeScalars.append("^")
                result.unicodeScalars.append(value == 0x7F ? "?" : Unicode.Scalar(UInt8(value + 0x40)))
                column += 2
            } else if isReplaced(value) {
                result.unicodeScalars.append("\u{FFFD}")
                column += 1
            } else {
                result.unicodeScalars.append(scalar)
                column += ColumnWidth.of(scalar)
            }
        }
        return result
    }

    /// Scalars a terminal could act on instead of print, other than C0 and DEL.
    static func isReplaced(_ value: UInt32) -> Bool {
        switch value {
        case 0x80...0x9F: true                 // C1 controls, including CSI U+009B
        case 0x061C, 0x200E, 0x200F: true       // ALM, LRM, RLM
        case 0x202A...0x202E: true              // embeddings and overrides
        case 0x2066...0x2069: true              // isolates
        case 0x2028, 0x2029: true               // line / paragraph separator
        case 0xFFF9...0xFFFB: true              // interlinear annotation
        default: false
        }
    }
}
