import TerminalUI

/// The command palette: the search on top, the commands it leaves below,
/// each with its key, where it applies, and why it cannot run now.
enum CommandPaletteView {
    /// Reads the palette only: its list's viewport was sized by the model (`CommandPalette.viewportHeight`).
    static func draw(_ palette: CommandPalette, model: ConsoleModel, into canvas: inout Canvas, area: Rect) {
        let shown = palette.shown(in: model.bindings, replay: model.mode == .replay)

        let box = Rect(x: area.x + 2, y: area.y + 1, width: max(0, area.width - 4), height: max(0, area.height - 2))
        let inner = Pane(title: "Commands (\(shown.count))", focused: true, info: "type to search · Enter run · Esc close").draw(into: &canvas, rect: box)
        guard inner.height >= 2 else { return }
        palette.query.draw(into: &canvas, rect: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1))
        let listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        palette.list.render(into: &canvas, rect: listRect, focused: true, emptyText: "No command matches") { index in
            let binding = shown[index]
            let reason = binding.disabledReason(in: model)
            return [
                Span(PhasePaneView.pad(binding.keysText.isEmpty ? ":" : binding.keysText, 10) + " "),
                Span(PhasePaneView.pad(CommandPalette.place(of: binding), 11) + " ", role: .dim),
                Span(binding.help, role: reason == nil ? .normal : .dim),
                Span(reason.map { "  (\($0))" } ?? "", role: .dim),
            ]
        }
    }
}
