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
                spans.append(Span(" \(TimeText.clock(first.enteredAt)) ", role: .logTimestamp))
                spans.append(Span(pad(TimeText.duration(spent), 7), role: role))
                if visits.count > 1 { spans.append(Span(" ×\(visits.count)", role: .warning)) }
            }
            return spans
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let columns = DisplayWidth.of(text)
        return columns >= width ? text : text + String(repeating: " ", count: width - columns)
    }
}
