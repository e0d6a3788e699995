import TerminalUI

/// The command palette (`:`, as in k9s): every command of the binding table
/// (so it can never offer one that does not exist), the palette-only ones
/// included, narrowed as the responder types; Enter runs the selected one
/// through its binding, requirements and all.
struct CommandPalette: Equatable, Sendable {
    var query = Prompt(label: ": ", placeholder: "type to search every command")
    var list = ListView(count: 0, selection: 0, viewportHeight: 1)

    /// Commands that fit in an overlay `area`: less the margin, the frame and the search line.
    static func viewportHeight(in area: Size) -> Int { max(1, area.height - 5) }

    /// Every binding worth listing in `table`: not moving a selection or
    /// scrolling (keys do that better), not the palette itself, and the
    /// replay's only in a replay.
    static func entries(in table: ConsoleKeyTable, replay: Bool) -> [ConsoleKeyBinding] {
        table.bindings.filter { binding in
            switch binding.command {
            case .moveList, .scrollLog, .commandPalette: return false
            case .replay: return replay
            default: return binding.scope != .replay || replay
            }
        }
    }

    /// The entries whose words contain every word typed, in table order.
    static func matches(_ entries: [ConsoleKeyBinding], query: String) -> [ConsoleKeyBinding] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return entries }
        return entries.filter { binding in
            let text = "\(binding.help) \(binding.keysText) \(binding.scope.title)".lowercased()
            return words.allSatisfy(text.contains)
        }
    }

    /// What the list shows now.
    func shown(in table: ConsoleKeyTable, replay: Bool) -> [ConsoleKeyBinding] {
        Self.matches(Self.entries(in: table, replay: replay), query: query.text)
    }

    /// Where a binding applies, for its row.
    static func place(of binding: ConsoleKeyBinding) -> String {
        switch binding.scope {
        case .global: return "everywhere"
        case .pane(let pane): return pane.title.lowercased()
        case .replay: return "replay"
        case .palette: return "palette"
        }
    }
}
