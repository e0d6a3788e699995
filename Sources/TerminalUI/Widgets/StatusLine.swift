/// The footer: key hints on the left, a status on the right. When space runs
/// out the right text is cut first, then hints are dropped from the end and
/// `…` shows that some are hidden; no hint is ever shown half.
public struct StatusLine: Hashable, Sendable {
    public var hints: [KeyHint]
    /// Right-aligned status (mode, clock, replay position).
    public var status: [Span]

    public init(hints: [KeyHint], status: [Span] = []) {
        self.hints = hints
        self.status = status
    }

    /// Draws into the first row of `rect`.
    public func draw(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        canvas.withClip(row) { canvas in
            canvas.fill(row, role: .footer)
            let statusWidth = status.displayWidth
            // The status gets at most a third of the line when hints compete for it.
            let statusRoom = hints.isEmpty ? rect.width : min(statusWidth, rect.width / 3)
            var hintRoom = rect.width - (statusRoom > 0 ? statusRoom + 1 : 0)
            var column = rect.x
            let ellipsis = 1
            for (index, hint) in hints.enumerated() {
                let keyWidth = DisplayWidth.of(hint.key)
                let labelWidth = DisplayWidth.of(hint.label)
                let separator = index == 0 ? 0 : 2
                let needed = separator + keyWidth + 1 + labelWidth
                let isLast = index == hints.count - 1
                if needed + (isLast ? 0 : ellipsis) > hintRoom && !(isLast && needed <= hintRoom) {
                    if hintRoom >= ellipsis + separator {
                        canvas.put(String(repeating: " ", count: separator) + "…", x: column, y: rect.y, role: .footer)
                    }
                    break
                }
                column += canvas.put(String(repeating: " ", count: separator), x: column, y: rect.y, role: .footer)
                // An unavailable key stays in its place, dimmed: pressing it says why.
                column += canvas.put(hint.key, x: column, y: rect.y, role: hint.available ? .footerKey : .dim)
                column += canvas.put(" " + hint.label, x: column, y: rect.y, role: hint.available ? .footer : .dim)
                hintRoom -= needed
            }
            if statusRoom > 0 {
                let width = min(statusWidth, statusRoom)
                let x = rect.maxX - width
                canvas.withClip(Rect(x: x, y: rect.y, width: width, height: 1)) { canvas in
                    canvas.fill(Rect(x: x, y: rect.y, width: width, height: 1), role: .footer)
                    canvas.put(status, x: x, y: rect.y, maxWidth: width)
                }
            }
        }
    }
}
