import Foundation
import IncidentModel
import TerminalUI

/// The phase timeline: the seven phases, done / current / ahead, when each
/// was entered, time spent, and how often it was entered (loops back).
enum PhasePaneView {
    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        guard let state = model.state else { return }
        let focused = model.focus == .phases
        let inner = Pane(title: "1 Phases", focused: focused).draw(into: &canvas, rect: rect)
        let end = state.incident.closedAt ?? model.displayNow
        model.phaseList.render(into: &canvas, rect: inner, focused: focused) { index in
            let phase = Phase.allCases[index]
            let visits = state.phaseVisits.filter { $0.phase == phase }
            let isCurrent = phase == state.phase
            let (mark, role): (String, StyleRole) = isCurrent ? ("▶", .phaseCurrent) : (visits.isEmpty ? ("·", .phaseAhead) : ("✓", .phaseDone))
            var spans = [Span("\(mark) \(phase.number) ", role: role), Span(pad(phase.title, 16), role: role)]
            if let first = visits.first {
                let spent = visits.reduce(0) { $0 + $1.duration(until: end) }
                spans += timing(entered: first.enteredAt, spent: spent, visits: visits.count, room: inner.width - spans.displayWidth, role: role)
            }
            return spans
        }
    }

    /// When the phase was entered, the time spent in it, how often it was entered, in `room` columns.
    /// The time spent is never cut: on a narrow pane the clock shortens to `21:06`, then goes (Enter shows it).
    static func timing(entered: Date, spent: TimeInterval, visits: Int, room: Int, role: StyleRole) -> [Span] {
        let duration = TimeText.duration(spent)
        let loops = visits > 1 ? [Span(" ×\(visits)", role: .warning)] : []
        let tail = DisplayWidth.of(duration) + loops.displayWidth
        let clock = TimeText.clock(entered)
        if room >= 1 + clock.count + 1 + max(7, DisplayWidth.of(duration)) + loops.displayWidth {
            return [Span(" \(clock) ", role: .logTimestamp), Span(pad(duration, 7), role: role)] + loops
        }
        if room >= 1 + 5 + 1 + tail {
            return [Span(" \(clock.prefix(5)) ", role: .logTimestamp), Span(duration, role: role)] + loops
        }
        return [Span(" \(duration)", role: role)] + loops
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let columns = DisplayWidth.of(text)
        return columns >= width ? text : text + String(repeating: " ", count: width - columns)
    }
}
