import IncidentModel
import TerminalUI

/// The checklist of the phase selected in the timeline: state, text, who and when.
enum ChecklistPaneView {
    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        guard model.state != nil else { return }
        let focused = model.focus == .checklist
        let items = model.visibleChecklist
        let done = items.filter { $0.state != .open }.count
        let phase = model.selectedPhase
        let inner = Pane(title: "3 Checklist · \(phase.title)", focused: focused, info: "\(done)/\(items.count)").draw(into: &canvas, rect: rect)
        model.checklistList.render(into: &canvas, rect: inner, focused: focused, emptyText: "no items: A adds one") { index in
            let item = items[index]
            let (box, role): (String, StyleRole) = switch item.state {
            case .done: ("[x] ", .checklistDone)
            case .skipped: ("[-] ", .checklistSkipped)
            case .open: ("[ ] ", .checklistOpen)
            }
            var spans = [Span(box, role: role), Span(item.text, role: role)]
            if let by = item.by, let at = item.at {
                spans.append(Span("  \(by) \(TimeText.clock(at))", role: .dim))
            }
            if let reason = item.reason { spans.append(Span(" (\(reason))", role: .dim)) }
            return spans
        }
    }
}
