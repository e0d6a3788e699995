extension String {
    /// The string with every control character (C0, DEL and C1, including ESC)
    /// replaced by a visible `\u{…}` escape, so text that came from AWS, a log
    /// or a user can never move the cursor, change colours or retitle a terminal.
    ///
    /// ```swift
    /// "evil\u{1B}[2J".terminalSafe // "evil\\u{1B}[2J"
    /// ```
    public var terminalSafe: String {
        guard unicodeScalars.contains(where: \.isTerminalControl) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            if scalar.isTerminalControl {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The first control character in the string, if any (tab and newline count).
    public var firstControlCharacter: Unicode.Scalar? {
        unicodeScalars.first(where: \.isTerminalControl)
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL, C1 controls, the bidi overrides that can make text
    /// read backwards, the invisible bidi marks (ALM, LRM, RLM) that reorder
    /// the characters around them, and the Unicode line and paragraph
    /// separators, which break a line where the reader expects one — the same
    /// set the console's `TextSanitizer` keeps off the screen, so a message on
    /// stderr is as safe as a cell.
    public var isTerminalControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
