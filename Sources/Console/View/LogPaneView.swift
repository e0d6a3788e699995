import LogTail
import TerminalUI

/// The live log: the incident's events as they are recorded and the lines of
/// every followed source, newest at the bottom, scrolled back or following,
/// filtered with `/`. Mentions of the incident's resources are highlighted.
enum LogPaneView {
    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        let focused = model.focus == .log
        let lines = model.visibleLogLines
        var info = model.logFollow ? "following" : "paused"
        if model.logUnseen > 0 { info = "↓ \(model.logUnseen) new · " + info }
        if !model.logFilter.isEmpty { info = "/\(model.logFilter) · " + info }
        let sources = model.logSources.sorted { $0.key < $1.key }.map { "\($0.value.name): \(statusWord($0.value.status))" }
        if !sources.isEmpty { info = sources.joined(separator: " · ") + " · " + info }
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
                let x = inner.x + canvas.put([Span("\(TimeText.clock(line.time)) ", role: selected ? .listSelected : .logTimestamp)],
                                             x: inner.x, y: y, maxWidth: inner.width)
                canvas.put(spans(for: line, model: model, selected: selected), x: x, y: y, maxWidth: max(0, inner.maxX - x))
            }
        }
    }

    /// The line's text split so that resource mentions stand out.
    static func spans(for line: PaneLine, model: ConsoleModel, selected: Bool) -> [Span] {
        let text = line.text
        let base: StyleRole = selected ? .listSelected : line.role
        let matches = model.linker.matches(in: text)
        guard !matches.isEmpty else { return [Span(text, role: base)] }
        var spans: [Span] = []
        var cursor = text.startIndex
        for match in matches {
            let range = match.range(in: text)
            guard range.lowerBound >= cursor else { continue }
            if cursor < range.lowerBound { spans.append(Span(String(text[cursor..<range.lowerBound]), role: base)) }
            spans.append(Span(String(text[range]), role: selected ? .listSelected : .logHighlight))
            cursor = range.upperBound
        }
        if cursor < text.endIndex { spans.append(Span(String(text[cursor...]), role: base)) }
        return spans
    }

    static func statusWord(_ status: LogSourceStatus) -> String {
        switch status {
        case .starting: return "starting"
        case .following: return "following"
        case .paused: return "paused"
        case .stopped: return "stopped"
        case .error(let message, _, _): return "error: \(message)"
        }
    }
}
