import IncidentModel
import TerminalUI

/// The command palette's keys: typing narrows, the arrows move, Enter runs through the binding.
extension ConsoleModel {
    /// A key while the palette is open: typing narrows the list, the arrows
    /// move in it, Enter runs the selected command, Esc closes it.
    mutating func handlePaletteKey(_ key: Key, _ palette: CommandPalette) -> [ConsoleEffect] {
        var palette = palette
        let shown = palette.shown(in: bindings, replay: mode == .replay)
        switch key {
        case .escape, .ctrl("c"), .ctrl("g"):
            overlay = nil
            return []
        case .enter:
            overlay = nil
            guard let index = palette.list.selection, shown.indices.contains(index) else { return [] }
            let binding = shown[index]
            // A pane's command acts on that pane's selection: the pane takes the focus first, as its key would need.
            if case .pane(let pane) = binding.scope { focus = pane }
            return perform(binding)
        case .down, .ctrl("n"), .up, .ctrl("p"), .pageDown, .pageUp:
            let moved: Key = switch key {
            case .ctrl("n"): .down
            case .ctrl("p"): .up
            default: key
            }
            _ = palette.list.handle(moved)
        default:
            if palette.query.handle(key) == .edited {
                palette.list.setCount(palette.shown(in: bindings, replay: mode == .replay).count)
                palette.list.selectFirst()
            }
        }
        overlay = .palette(palette)
        return []
    }
}
