/// Where a binding of the console applies.
public enum ConsoleKeyScope: Hashable, Sendable {
    /// Wherever the focus is (a pane's own binding for the same key wins).
    case global
    /// While this pane has the focus.
    case pane(PaneID)
    /// In `firebreak replay`, before the focused pane's keys.
    case replay
    /// No key: reached through the command palette (`:`) only.
    case palette

    /// The heading of the scope's section in the `?` overlay and docs/KEYBINDINGS.md.
    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .pane(.phases): return "Phase timeline (pane 1)"
        case .pane(let pane): return "\(pane.title) (pane \(pane.rawValue + 1))"
        case .replay: return "Replay (firebreak replay)"
        case .palette: return "Command palette only (: then type)"
        }
    }
}
