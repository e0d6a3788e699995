/// Turns arbitrary text into glyphs that are safe to put on a terminal.
///
/// Text drawn by Firebreak comes from AWS responses and attacker-controlled
/// logs. A raw ESC could move the cursor, retitle the window or repaint the
/// screen; a bidi override could make `evil.sh` read as `hs.live`; a C1 byte is
/// a CSI on some terminals. So nothing below reaches a cell as-is:
///
/// - C0 controls and DEL become caret notation (`^[`, `^M`, `^?`), tab becomes a
///   space;
/// - C1 controls, bidi embedding/override/isolate marks, line and paragraph
///   separators, and scalars the C library cannot print become `�`.
///
/// Combining marks stay with their base (at most four a glyph, the most a
/// curses cell holds). Variation selectors and zero-width joiners are dropped
/// so that each emoji of a sequence is drawn on its own with the width every
/// terminal agrees on.
public enum TextSanitizer {
    /// The replacement glyph for text that must not be drawn.
    public static let replacement = "\u{FFFD}"

    /// Most combining marks kept on one base; ncurses cells hold five scalars.
    public static let maximumMarks = 4

    /// The glyphs `text` is drawn as.
    public static func glyphs(_ text: some StringProtocol) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(text.utf8.count)
        var marks = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x09 {
                result.append(Glyph(text: " ", width: 1, isSubstitute: true))
                marks = 0
                continue
            }
            if value < 0x20 || value == 0x7F {
                let shown = value == 0x7F ? "?" : String(UnicodeScalar(UInt8(value + 0x40)))
                result.append(Glyph(text: "^", width: 1, isSubstitute: true))
                result.append(Glyph(text: shown, width: 1, isSubstitute: true))
                marks = 0
                continue
            }
            if isForbidden(value) {
                result.append(Glyph(text: replacement, width: 1, isSubstitute: true))
                marks = 0
                continue
            }
            guard let width = DisplayWidth.of(scalar) else {
                result.append(Glyph(text: replacement, width: 1, isSubstitute: true))
                marks = 0
                continue
            }
            if width == 0 {
                if isDropped(value) { continue }
                guard let last = result.last, !last.isSubstitute else {
                    // A mark with nothing to sit on gets a space to sit on, so
                    // it cannot combine with whatever is already on screen.
                    result.append(Glyph(text: " " + String(scalar), width: 1))
                    marks = 1
                    continue
                }
                if marks < maximumMarks {
                    result[result.count - 1] = Glyph(text: last.text + String(scalar), width: last.width)
                    marks += 1
                }
                continue
            }
            result.append(Glyph(text: String(scalar), width: width))
            marks = 0
        }
        return result
    }

    /// `text` with every unsafe scalar replaced, as it would appear on screen.
    public static func sanitize(_ text: some StringProtocol) -> String {
        glyphs(text).map(\.text).joined()
    }

    /// Scalars of width 0 in the C library that still must never be drawn.
    private static func isForbidden(_ value: UInt32) -> Bool {
        switch value {
        case 0x80...0x9F: return true                 // C1 controls
        case 0x061C, 0x200E, 0x200F: return true       // ALM, LRM, RLM
        case 0x202A...0x202E: return true              // embeddings and overrides
        case 0x2066...0x2069: return true              // isolates
        case 0x2028, 0x2029: return true               // line / paragraph separator
        case 0xFFF9...0xFFFB: return true              // interlinear annotation
        default: return false
        }
    }

    /// Zero-width scalars that only change how neighbours render; dropping
    /// them keeps every glyph's width unambiguous.
    private static func isDropped(_ value: UInt32) -> Bool {
        switch value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true // zero-width space/joiners, BOM
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true     // variation selectors
        case 0xE0000...0xE007F: return true                      // tag characters
        default: return false
        }
    }
}
