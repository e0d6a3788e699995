import TerminalUI

/// Styled text cut by display columns: scrolled sideways, or wrapped onto rows.
/// A wide glyph is never split: it goes whole to the row it starts on, or the next.
enum SpanColumns {
    /// `spans` without their first `columns` columns (a glyph straddling the cut goes too).
    static func dropping(_ columns: Int, from spans: [Span]) -> [Span] {
        guard columns > 0 else { return spans }
        var skipped = 0
        var result: [Span] = []
        for span in spans {
            if skipped >= columns { result.append(span); continue }
            var kept = ""
            for character in span.text {
                if skipped >= columns { kept.append(character); continue }
                skipped += DisplayWidth.of(String(character))
            }
            if !kept.isEmpty { result.append(Span(kept, style: span.style)) }
        }
        return result
    }

    /// `spans` in rows of at most `width` columns, at least one row.
    static func wrapping(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [spans] }
        var rows: [[Span]] = [[]]
        var used = 0
        for span in spans {
            var piece = ""
            for character in span.text {
                let columns = DisplayWidth.of(String(character))
                if used + columns > width, used > 0 {
                    if !piece.isEmpty { rows[rows.count - 1].append(Span(piece, style: span.style)) }
                    rows.append([])
                    piece = ""
                    used = 0
                }
                piece.append(character)
                used += columns
            }
            if !piece.isEmpty { rows[rows.count - 1].append(Span(piece, style: span.style)) }
        }
        return rows
    }
}
