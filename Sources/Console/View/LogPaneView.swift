import TerminalUI

/// The live log: the incident's events as they are recorded, newest at the
/// bottom, scrolled back or following, filtered with `/`.
enum LogPaneView {
    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        let focused = model.focus == .log
        let lines = model.visibleLogLines
        var info = model.logFollow ? "following" : "paused"
        if model.logUnseen > 0 { info = "↓ \(model.logUnseen) new · " + info }
        if !model.logFilter.isEmpty { info = "/\(model.logFilter) · " + info }
        let inner = Pane(title: "4 Log", focused: focused, info: info).draw(into: &canvas, rect: rect)
        guard !inner.isEmpty else { return }
        let last = lines.count - 1 - model.logScroll
        let first = max(0, last - inner.height + 1)
        guard last >= 0 else {
            canvas.put(model.logFilter.isEmpty ? "no events yet" : "no line matches the filter", x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
            return
        }
        // Bottom-aligned: the newest visible line sits on the pane's last row.
        let top = inner.maxY - (last - first + 1)
        canvas.withClip(inner) { canvas in
            for (row, index) in (first...last).enumerated() {
                let line = lines[index]
                let y = top + row
                let selected = focused && index == last && model.logScroll > 0
                if selected { canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .listSelected) }
                canvas.put([
                    Span("\(TimeText.clock(line.at)) ", role: selected ? .listSelected : .logTimestamp),
                    Span("\(line.actor): ", role: selected ? .listSelected : .dim),
                    Span(line.text, role: selected ? .listSelected : line.role),
                ], x: inner.x, y: y, maxWidth: inner.width)
            }
        }
    }
}
