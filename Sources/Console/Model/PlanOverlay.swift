import TerminalUI

/// The plan overlay: the exact lines `firebreak action plan` prints, wrapped
/// at the box's edge (a command is never cut) and scrolled like k9s's
/// describe view (j/k, PgUp/PgDn, g/G), so every argument of every call can be read.
struct PlanOverlay: Equatable, Sendable {
    var preview: ActionPreview
    /// The first wrapped line shown.
    var top = 0

    init(preview: ActionPreview) {
        self.preview = preview
    }

    /// Rows the box's frame, footer and a margin take around the text.
    static let chrome = 6

    /// The text's width in an overlay area: the longest line, at most the area less the frame.
    static func width(of lines: [String], in area: Size) -> Int {
        max(10, min(max(50, lines.map { DisplayWidth.of($0) }.max() ?? 0), area.width - 6))
    }

    /// How many wrapped lines fit at once in `area`.
    static func pageHeight(in area: Size) -> Int { max(1, area.height - chrome) }

    /// Every line wrapped to the box in `area`.
    func wrapped(in area: Size) -> [String] {
        let width = Self.width(of: preview.lines, in: area)
        return preview.lines.flatMap { Self.wrap($0, width: width) }
    }

    /// The wrapped lines shown now, and where they stand among all of them.
    func page(in area: Size) -> (lines: [String], first: Int, total: Int) {
        let all = wrapped(in: area)
        let height = Self.pageHeight(in: area)
        let first = max(0, min(top, all.count - height))
        return (Array(all.dropFirst(first).prefix(height)), first, all.count)
    }

    /// Scrolls for a movement key; false for any other key.
    mutating func scroll(_ key: Key, in area: Size) -> Bool {
        let height = Self.pageHeight(in: area)
        let last = max(0, wrapped(in: area).count - height)
        switch key {
        case .down, .character("j"): top += 1
        case .up, .character("k"): top -= 1
        case .pageDown, .character(" "), .ctrl("f"): top += height
        case .pageUp, .ctrl("b"): top -= height
        case .home, .character("g"): top = 0
        case .end, .character("G"): top = last
        default: return false
        }
        top = max(0, min(top, last))
        return true
    }

    /// `line` in pieces of at most `width` columns, broken after a space where
    /// one is near (an argv word stays whole), continuation pieces indented
    /// past the line's own indentation so they read as one command.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard DisplayWidth.of(line) > width, width > 8 else { return [line] }
        let indent = String(repeating: " ", count: min(line.prefix { $0 == " " }.count + 6, width / 2))
        var pieces: [String] = []
        var rest = Substring(line)
        var limit = width
        while DisplayWidth.of(rest) > limit {
            // The longest prefix that fits, then back to its last space when that keeps most of it.
            var used = 0, end = rest.startIndex
            while end < rest.endIndex {
                let next = DisplayWidth.of(String(rest[end]))
                if used + next > limit { break }
                used += next
                end = rest.index(after: end)
            }
            if end == rest.startIndex { end = rest.index(after: end) }
            if let space = rest[..<end].lastIndex(of: " "), rest.distance(from: rest.startIndex, to: space) > limit / 2 {
                end = rest.index(after: space)
            }
            pieces.append(String(rest[..<end]))
            rest = rest[end...]
            limit = width - indent.count
        }
        pieces.append(String(rest))
        return [pieces[0]] + pieces.dropFirst().map { indent + $0 }
    }
}
