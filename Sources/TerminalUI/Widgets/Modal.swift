/// A centred framed box over the screen: confirmations, details, help.
public struct Modal: Hashable, Sendable {
    public var title: String
    public var lines: [[Span]]
    /// A line pinned to the bottom of the box (e.g. `y confirm · Esc cancel`).
    public var footer: [Span]?
    /// Width of the content area to aim for; nil sizes to the content.
    public var preferredWidth: Int?
    /// First body line shown (for long bodies).
    public var scrollOffset: Int

    public init(title: String, lines: [[Span]], footer: [Span]? = nil, preferredWidth: Int? = nil, scrollOffset: Int = 0) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.preferredWidth = preferredWidth
        self.scrollOffset = scrollOffset
    }

    /// A modal whose body is plain text lines in the `modal` role.
    public init(title: String, text: [String], footer: [Span]? = nil) {
        self.init(title: title, lines: text.map { [Span($0, role: .modal)] }, footer: footer)
    }

    /// The box for a screen `area`: content plus a frame and one column of
    /// padding each side, never larger than `area`.
    public func frame(in area: Rect) -> Rect {
        let contentWidth = preferredWidth ?? max(
            lines.map(\.displayWidth).max() ?? 0,
            footer?.displayWidth ?? 0,
            DisplayWidth.of(title) + 2
        )
        let height = lines.count + (footer == nil ? 0 : 2) + 2
        return area.centered(Size(width: contentWidth + 4, height: height))
    }

    /// Draws the modal centred in `area` and returns the body rectangle.
    /// Lines that do not fit are cut, the last visible one replaced by `…`.
    @discardableResult
    public func draw(into canvas: inout Canvas, area: Rect) -> Rect {
        let box = frame(in: area)
        guard !box.isEmpty else { return .zero }
        canvas.fill(box, role: .modal)
        var inner = canvas.box(box, title: title, border: .double, role: .modalBorder, titleRole: .modalTitle)
        inner = inner.inset(left: 1, right: 1)
        if let footer, inner.height >= 3 {
            let parts = inner.splitBottom(1)
            canvas.put(footer, x: parts.bottom.x, y: parts.bottom.y, maxWidth: parts.bottom.width)
            inner = parts.rest.splitBottom(1).rest
        }
        let body = inner
        canvas.withClip(body) { canvas in
            let visible = Array(lines.dropFirst(max(0, scrollOffset)))
            for (row, spans) in visible.prefix(body.height).enumerated() {
                let y = body.y + row
                if row == body.height - 1, visible.count > body.height {
                    canvas.put("…", x: body.x, y: y, maxWidth: body.width, role: .dim)
                } else {
                    canvas.put(spans, x: body.x, y: y, maxWidth: body.width)
                }
            }
        }
        return body
    }
}
