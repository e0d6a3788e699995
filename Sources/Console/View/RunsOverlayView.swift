import IncidentModel
import TerminalUI

/// The runs overlay: one row a run, newest first, as the record has it now.
enum RunsOverlayView {
    /// Reads the view only: its list's viewport was sized by the model (`RunsView.viewportHeight`).
    static func draw(_ view: RunsView, rows: [RunsView.Row], into canvas: inout Canvas, area: Rect) {

        let box = Rect(x: area.x + 2, y: area.y + 1, width: max(0, area.width - 4), height: max(0, area.height - 2))
        let inner = Pane(title: "Action runs (\(rows.count))", focused: true, info: "Enter details · u undo · Esc close").draw(into: &canvas, rect: box)
        guard !inner.isEmpty else { return }
        // Narrow screens drop who and when (Enter shows them) so whether a run can be undone stays on screen.
        let wide = inner.width >= 112
        let header = wide
            ? "run      action                   resources                 status       steps  who        when       undo"
            : "run    action            resources     status      steps undo"
        canvas.put(header, x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
        let listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        view.list.render(into: &canvas, rect: listRect, focused: true, emptyText: "No action run yet") { index in
            let row = rows[index]
            let run = row.run
            let resources = run.resources.count == 1 ? run.resources[0] : "\(run.resources[0]) +\(run.resources.count - 1)"
            var spans = [
                Span(pad(run.runID, wide ? 8 : 6)),
                Span(pad(run.action, wide ? 24 : 17)),
                Span(pad(resources, wide ? 25 : 13)),
                Span(pad(run.status.rawValue, wide ? 12 : 11), role: run.status == .succeeded ? .normal : .danger),
                Span(pad(row.stepsText, wide ? 6 : 5)),
            ]
            if wide { spans += [Span(pad(run.startedBy, 10)), Span(pad(TimeText.clock(run.startedAt), 10))] }
            spans.append(Span(row.undoText, role: row.undoRefusal == nil && run.undoneBy == nil ? .normal : .dim))
            return spans
        }
    }

    /// `text` in `width` columns and a space: cut (ending in `…`), or padded.
    static func pad(_ text: String, _ width: Int) -> String {
        var text = text.terminalSafe
        if DisplayWidth.of(text) > width {
            while DisplayWidth.of(text) > width - 1, !text.isEmpty { text.removeLast() }
            text += "…"
        }
        return PhasePaneView.pad(text, width) + " "
    }
}
