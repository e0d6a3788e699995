import Foundation
import LogTail
import TerminalUI

/// The live log: the incident's events as they are recorded and the lines of
/// every followed source, newest at the bottom, scrolled back or following,
/// filtered with `/`, searched with `s` (`n`/`N`). Mentions of the incident's
/// resources are highlighted, its indicators of compromise marked in the
/// danger colour, search matches stand out; a row at the top says
/// what each followed source is doing, and a marker at the bottom counts the
/// lines that arrived while the responder was scrolled up.
enum LogPaneView {
    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        let focused = model.focus == .log
        let lines = model.visibleLogLines
        let inner = Pane(title: "4 Log", focused: focused, info: info(model)).draw(into: &canvas, rect: rect)
        guard !inner.isEmpty else { return }
        var body = inner
        // The sources' row: only when something besides the incident is followed (or was, in a replay).
        if let sources = sourcesRow(model), body.height >= 3 {
            canvas.put(sources, x: body.x, y: body.y, maxWidth: body.width)
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        // Scrolled back or paused, the bottom row is the marker's, whether or not a line has arrived yet: the
        // rows above stay where they are when the first new line comes (new lines never move what is read).
        if model.logScroll > 0 || !model.logFollow, body.height >= 2 {
            let unseen = model.logUnseen
            let marker = unseen > 0 ? "▼ \(unseen) new line\(unseen == 1 ? "" : "s") below · G follows" : "paused · G follows"
            canvas.put(marker, x: body.x, y: body.maxY - 1, maxWidth: body.width, role: unseen > 0 ? .logHighlight : .dim)
            body = Rect(x: body.x, y: body.y, width: body.width, height: body.height - 1)
        }
        let last = lines.count - 1 - model.logScroll
        guard last >= 0 else {
            let empty = model.logFilter.isEmpty && model.logPane.hiddenLevels.isEmpty && model.logPane.mutedSources.isEmpty
            canvas.put(empty ? "no events yet" : "no line matches the filter", x: body.x, y: body.y, maxWidth: body.width, role: .dim)
            return
        }
        // Bottom-aligned: the selected (newest shown) line ends on the body's last row; older lines fill upwards.
        var y = body.maxY
        var index = last
        canvas.withClip(body) { canvas in
            while index >= 0, y > body.y {
                let line = lines[index]
                let selected = focused && index == last && model.logScroll > 0
                let time = Span("\(clock(line.time, model: model)) ", role: selected ? .listSelected : .logTimestamp)
                let timeWidth = DisplayWidth.of(time.text)
                let text = spans(for: line, model: model, selected: selected)
                let textWidth = max(1, body.width - timeWidth)
                let rows = model.logLayout.wraps
                    ? SpanColumns.wrapping(text, width: textWidth)
                    : [SpanColumns.dropping(model.logLayout.column, from: text)]
                // A wrapped line taller than the pane shows its first rows (where its time is).
                let shown = Array(rows.prefix(body.height))
                y -= shown.count
                for (offset, row) in shown.enumerated() where y + offset >= body.y {
                    let rowY = y + offset
                    if selected { canvas.fill(Rect(x: body.x, y: rowY, width: body.width, height: 1), role: .listSelected) }
                    // The time once, on the line's first row; the rows it wraps onto are indented under the text.
                    if offset == 0 { canvas.put([time], x: body.x, y: rowY, maxWidth: body.width) }
                    canvas.put(row, x: body.x + timeWidth, y: rowY, maxWidth: max(0, body.width - timeWidth))
                }
                index -= 1
            }
        }
    }

    /// The top edge's summary: filter, search, hidden levels, time zone, follow state.
    static func info(_ model: ConsoleModel) -> String {
        var parts: [String] = []
        if !model.logFilter.isEmpty { parts.append("/\(model.logFilter)") }
        if let search = model.logPane.search { parts.append("s:\(search.query)") }
        if !model.logPane.hiddenLevels.isEmpty {
            parts.append("hiding " + LogLevel.allCases.filter(model.logPane.hiddenLevels.contains).map(\.rawValue).joined(separator: "+"))
        }
        if model.logPane.showsLocalTime { parts.append("local time") }
        if model.logLayout.wraps { parts.append("wrap") } else if model.logLayout.column > 0 { parts.append("→\(model.logLayout.column)") }
        if model.logUnseen > 0 { parts.append("↓ \(model.logUnseen) new") }
        parts.append(model.logFollow ? "following" : "paused")
        return parts.joined(separator: " · ")
    }

    /// `auth.log: following · /aws/lambda/pay: error: … · ▸cloudtrail:i-0abc: paused, muted`.
    static func sourcesRow(_ model: ConsoleModel) -> [Span]? {
        var spans: [Span] = []
        if model.mode == .replay, model.logPane.keptDropped > 0 {
            spans.append(Span("\(model.logPane.keptDropped) older kept lines were let go · ", role: .dim))
        }
        let selected = model.logPane.selectedSource
        let followed = model.logSources.sorted { $0.key < $1.key }
        guard !followed.isEmpty || selected == "incident" || !spans.isEmpty else { return nil }
        var entries: [(id: String, text: String, role: StyleRole)] = []
        if selected == "incident" || model.logPane.mutedSources.contains("incident") {
            entries.append(("incident", "incident" + (model.logPane.mutedSources.contains("incident") ? ": muted" : ""), .dim))
        }
        for (id, source) in followed {
            var text = "\(source.name): \(statusWord(source.status))"
            if model.logPane.mutedSources.contains(id) { text += ", muted" }
            if source.status == .following, let lag = lag(of: id, model: model) { text += ", lag \(TimeText.duration(lag))" }
            let role: StyleRole = source.status.isError ? .logError : source.status == .following ? .dim : .logWarning
            entries.append((id, text, role))
        }
        for (index, entry) in entries.enumerated() {
            if index > 0 { spans.append(Span(" · ", role: .dim)) }
            let isSelected = entry.id == selected
            spans.append(Span((isSelected ? "▸" : "") + entry.text, role: isSelected ? .listSelected : entry.role))
        }
        return spans
    }

    /// How far behind its own clock a source's newest line reached the screen, when that is worth saying (≥ 2 s).
    static func lag(of id: String, model: ConsoleModel) -> TimeInterval? {
        guard let newest = model.logPane.newest[id], newest.hasOwnTime else { return nil }
        let lag = newest.arrivedAt.timeIntervalSince(newest.time)
        return lag >= 2 ? lag : nil
    }

    /// `03:04:05Z` in UTC, `12:04:05` in local time (the pane's top edge says which).
    static func clock(_ date: Date, model: ConsoleModel) -> String {
        guard model.logPane.showsLocalTime else { return TimeText.clock(date) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = model.logPane.localZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d ", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// The line's text split so that resource mentions and search matches stand out.
    static func spans(for line: PaneLine, model: ConsoleModel, selected: Bool) -> [Span] {
        let text = line.displayText
        let base: StyleRole = selected ? .listSelected : line.role
        // Search matches first: where both overlap, the match wins.
        var marks: [(range: Range<String.Index>, role: StyleRole)] = []
        if let search = model.logPane.search {
            marks += search.ranges(in: text).filter { !$0.isEmpty }.map { ($0, selected ? .logHighlight : .listSelected) }
        }
        // An indicator of compromise before a resource: an access key that is both shows as the indicator.
        marks += model.indicatorLinker.matches(in: text).map { ($0.range(in: text), selected ? .listSelected : .danger) }
        marks += model.linker.matches(in: text).map { ($0.range(in: text), selected ? .listSelected : .logHighlight) }
        guard !marks.isEmpty else { return [Span(text, role: base)] }
        // Stable: where two marks start together, the one added first wins.
        marks = marks.enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }.map(\.element)
        var spans: [Span] = []
        var cursor = text.startIndex
        for mark in marks {
            guard mark.range.lowerBound >= cursor else { continue }
            if cursor < mark.range.lowerBound { spans.append(Span(String(text[cursor..<mark.range.lowerBound]), role: base)) }
            spans.append(Span(String(text[mark.range]), role: mark.role))
            cursor = mark.range.upperBound
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
        case .error(let message, let attempt, let retryAt):
            return "error: \(message) (try \(attempt + 1) at \(TimeText.clock(retryAt)))"
        }
    }
}
