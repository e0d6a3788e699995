/// Where a binding applies: everywhere, or only while a pane (or overlay)
/// named by the console has the focus.
public enum BindingScope: Hashable, Sendable, Comparable, CustomStringConvertible {
    case global
    case pane(String)

    public var description: String {
        switch self {
        case .global: return "global"
        case .pane(let name): return name
        }
    }

    public static func < (lhs: BindingScope, rhs: BindingScope) -> Bool {
        switch (lhs, rhs) {
        case (.global, .pane): return true
        case (.pane(let a), .pane(let b)): return a < b
        default: return false
        }
    }
}
