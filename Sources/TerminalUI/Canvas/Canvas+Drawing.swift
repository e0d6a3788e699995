extension Canvas {
    /// Draws `text` from (`x`, `y`) rightwards, at most `maxWidth` columns (and
    /// never past the clip). Returns the columns used.
    ///
    /// The text is sanitised first (no control character ever reaches a cell).
    /// A wide glyph that would straddle the right edge is not split: a space
    /// fills the last column instead. Text does not wrap.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, style: CellStyle = .normal) -> Int {
        let limit = min(maxWidth ?? Int.max, max(0, clipRect.maxX - x))
        guard limit > 0, y >= clipRect.y, y < clipRect.maxY else { return 0 }
        var column = 0
        for glyph in TextSanitizer.glyphs(text) {
            if column >= limit { break }
            if column + glyph.width > limit {
                // Only a wide glyph can overflow by one: pad rather than split.
                setGlyph(" ", width: 1, x: x + column, y: y, style: style)
                column += 1
                break
            }
            let cellX = x + column
            if cellX < clipRect.x {
                if glyph.width == 2, cellX + 1 == clipRect.x {
                    // Its left half is clipped away: show the visible half as a space.
                    setGlyph(" ", width: 1, x: cellX + 1, y: y, style: style)
                }
            } else {
                setGlyph(glyph.text, width: glyph.width, x: cellX, y: y, style: style)
            }
            column += glyph.width
        }
        return column
    }

    /// Draws `text` in `role`; see `put(_:x:y:maxWidth:style:)`.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, role: StyleRole) -> Int {
        put(text, x: x, y: y, maxWidth: maxWidth, style: .role(role))
    }

    /// Draws styled spans one after another; returns the columns used.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        let limit = maxWidth ?? Int.max
        for span in spans {
            guard used < limit else { break }
            used += put(span.text, x: x + used, y: y, maxWidth: limit - used, style: span.style)
        }
        return used
    }

    /// Draws `text` truncated to `maxWidth` with a trailing `…` when it does
    /// not fit. Returns the columns used.
    @discardableResult
    public mutating func putTruncated(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int, style: CellStyle = .normal) -> Int {
        guard maxWidth > 0 else { return 0 }
        if DisplayWidth.of(text) <= maxWidth {
            return put(text, x: x, y: y, maxWidth: maxWidth, style: style)
        }
        let used = put(text, x: x, y: y, maxWidth: maxWidth - 1, style: style)
        return used + put("…", x: x + used, y: y, maxWidth: 1, style: style)
    }

    /// Fills `rect` (clipped) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: CellStyle = .normal) {
        let glyph = TextSanitizer.glyphs(String(character)).first ?? Glyph(text: " ", width: 1)
        let area = rect.intersection(clipRect)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                if glyph.width == 2, x + 1 >= area.maxX {
                    setGlyph(" ", width: 1, x: x, y: y, style: style)
                } else {
                    setGlyph(glyph.text, width: glyph.width, x: x, y: y, style: style)
                }
                x += glyph.width
            }
        }
    }

    /// Fills `rect` with spaces in `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole) {
        fill(rect, with: " ", style: .role(role))
    }

    /// Resets every cell to a blank in `style` (ignores the clip).
    public mutating func clear(_ style: CellStyle = .normal) {
        let saved = clipRect
        clipRect = bounds
        fill(bounds, style: style)
        clipRect = saved
    }

    /// A horizontal line of `length` cells starting at (`x`, `y`).
    public mutating func horizontalLine(x: Int, y: Int, length: Int, character: Character = "─", role: StyleRole = .paneBorder) {
        fill(Rect(x: x, y: y, width: length, height: 1), with: character, style: .role(role))
    }

    /// A vertical line of `length` cells starting at (`x`, `y`).
    public mutating func verticalLine(x: Int, y: Int, length: Int, character: Character = "│", role: StyleRole = .paneBorder) {
        fill(Rect(x: x, y: y, width: 1, height: length), with: character, style: .role(role))
    }

    /// Draws a frame around the edge of `rect` with an optional title in the
    /// top edge (` Title `, truncated with `…`). Returns the inner rectangle.
    ///
    /// Rectangles smaller than 2×2 get no frame: the whole rect is returned
    /// blank-filled so callers can still draw something.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String? = nil, border: BoxBorder = .light,
                             role: StyleRole = .paneBorder, titleRole: StyleRole = .paneTitle) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return rect }
        let style = CellStyle.role(role)
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalLine(x: rect.x + 1, y: rect.y, length: rect.width - 2, character: border.horizontal, role: role)
        horizontalLine(x: rect.x + 1, y: bottom, length: rect.width - 2, character: border.horizontal, role: role)
        verticalLine(x: rect.x, y: rect.y + 1, length: rect.height - 2, character: border.vertical, role: role)
        verticalLine(x: right, y: rect.y + 1, length: rect.height - 2, character: border.vertical, role: role)
        put(String(border.topLeft), x: rect.x, y: rect.y, style: style)
        put(String(border.topRight), x: right, y: rect.y, style: style)
        put(String(border.bottomLeft), x: rect.x, y: bottom, style: style)
        put(String(border.bottomRight), x: right, y: bottom, style: style)
        if let title, !title.isEmpty, rect.width >= 5 {
            putTruncated(" \(title) ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: .role(titleRole))
        }
        return rect.inset(by: 1)
    }
}

/// The characters of a frame.
public struct BoxBorder: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character

    public init(horizontal: Character, vertical: Character, topLeft: Character, topRight: Character,
                bottomLeft: Character, bottomRight: Character) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
    }

    public static let light = BoxBorder(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let heavy = BoxBorder(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛")
    public static let double = BoxBorder(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝")
    public static let rounded = BoxBorder(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯")
    /// For terminals without box-drawing glyphs.
    public static let ascii = BoxBorder(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}
