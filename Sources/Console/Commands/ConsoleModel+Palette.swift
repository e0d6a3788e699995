import IncidentModel
import TerminalUI

/// `:`: the command palette (its keys: `ConsoleModel+PaletteKeys`).
extension ConsoleModel {
    /// `:`: every command, the search empty.
    mutating func openCommandPalette() -> [ConsoleEffect] {
        var palette = CommandPalette()
        palette.list.setViewportHeight(CommandPalette.viewportHeight(in: overlayArea))
        palette.list.setCount(palette.shown(in: bindings, replay: mode == .replay).count)
        overlay = .palette(palette)
        return []
    }
}
