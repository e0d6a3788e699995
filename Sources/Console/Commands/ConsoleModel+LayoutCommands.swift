import TerminalUI

/// How the screen is laid out: zoom, and the log pane's wrapping and sideways scroll.
extension ConsoleModel {
    mutating func toggleZoom() -> [ConsoleEffect] {
        zoomed.toggle()
        say(zoomed ? "\(focus.title) has the whole screen: Z gives it back" : "every pane shown")
        return []
    }

    mutating func toggleWrap() -> [ConsoleEffect] {
        logLayout.wraps.toggle()
        logLayout.column = 0
        say(logLayout.wraps ? "long lines wrap" : "long lines are cut at the edge: h and l scroll sideways")
        return []
    }

    /// A quarter of the screen's width a step (at least 8 columns), never left of the first column.
    mutating func scrollLogSideways(_ step: Int) -> [ConsoleEffect] {
        guard !logLayout.wraps else {
            complain("lines wrap: nothing to scroll sideways (Ctrl-W cuts them again)")
            return []
        }
        logLayout.column = max(0, logLayout.column + step * max(8, size.width / 4))
        return []
    }
}
