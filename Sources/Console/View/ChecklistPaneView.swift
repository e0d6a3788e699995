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
        guard let state = model.state else { return }
        // Under Follow-up, the entries recorded for the report take the pane's last rows (at most half of it).
        var listRect = inner
        if phase == .followUp, !state.followUps.isEmpty, inner.height >= 4 {
            let rows = min(state.followUps.count + 1, inner.height / 2)
            listRect.height -= rows
            let shown = state.followUps.suffix(rows - 1)
            let more = state.followUps.count - shown.count
            canvas.put("Follow-ups (\(state.followUps.count))" + (more > 0 ? ", \(more) older: Enter lists all" : ""),
                       x: inner.x, y: listRect.maxY, maxWidth: inner.width, role: .warning)
            for (row, item) in shown.enumerated() {
                canvas.put(ChecklistFindings.followUpLine(item), x: inner.x, y: listRect.maxY + 1 + row, maxWidth: inner.width, role: .dim)
            }
        }
        model.checklistList.render(into: &canvas, rect: listRect, focused: focused, emptyText: model.mode == .live ? "no items: A adds one" : "no items in this phase") { index in
            let item = items[index]
            let (box, role): (String, StyleRole) = switch item.state {
            case .done: ("[x] ", .checklistDone)
            case .skipped: ("[-] ", .checklistSkipped)
            case .open: ("[ ] ", .checklistOpen)
            }
            var spans = [Span(box, role: role)]
            // How the latest audit went for the item's checks, before the text (which is often cut).
            if let tally = ChecklistFindings.readinessTally(for: item.id, in: state) { spans.append(Span("\(tally) · ", role: .dim)) }
            spans.append(Span(item.text, role: role))
            if let by = item.by, let at = item.at {
                spans.append(Span("  \(by) \(TimeText.clock(at))", role: .dim))
            }
            if let reason = item.reason { spans.append(Span(" (\(reason))", role: .dim)) }
            return spans
        }
    }
}
