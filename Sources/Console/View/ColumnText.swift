import TerminalUI

/// Text fitted to a column: padded to its width, or cut with `…` so it never
/// runs into the next column.
enum ColumnText {
    /// `text` in exactly `width` columns, the last one left blank as the gap to the next column.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 1 else { return String(repeating: " ", count: max(0, width)) }
        return PhasePaneView.pad(cut(text, width - 1), width)
    }

    /// `text` at most `width` columns wide, ending in `…` when it was cut.
    static func cut(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(String(character))
            if used + columns > width - 1 { break }
            kept.append(character)
            used += columns
        }
        return kept + "…"
    }
}
