import LogTail

extension PaneLine {
    /// The text the pane draws after the line's time: `text` without the time a
    /// followed line starts with when that is where its time came from (the
    /// pane shows it already: one timestamp a line). Filters, search and pins
    /// still see the whole line.
    var displayText: String {
        guard case .external(let line, let name) = self, line.timeOrigin == .line,
              let length = LogTimestampParser.length(of: line.text) else { return text }
        let rest = line.text.utf8.dropFirst(length)
        return "[\(name)] " + String(decoding: rest, as: UTF8.self).drop { $0 == " " || $0 == "\t" }
    }
}
