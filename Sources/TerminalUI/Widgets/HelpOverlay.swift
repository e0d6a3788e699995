/// The `?` overlay: every binding available where the user is, grouped by
/// scope, rendered from the same table as the footer and the docs; a binding
/// that cannot run now says why beside it.
public struct HelpOverlay<Command: Hashable & Sendable, Scope: Hashable & Sendable, Requirement: KeyBindingRequirement> {
    public typealias Table = KeyBindingTable<Command, Scope, Requirement>

    public var table: Table
    /// The scopes listed, each with its heading, the focused pane's first.
    public var sections: [(scope: Scope, title: String)]
    /// What the bindings' requirements are checked against.
    public var context: Requirement.Context
    /// First line shown (the overlay scrolls when the screen is short).
    public var scrollOffset: Int
    public var title: String

    public init(table: Table, sections: [(scope: Scope, title: String)], context: Requirement.Context, scrollOffset: Int = 0,
                title: String = "Keys") {
        self.table = table
        self.sections = sections
        self.context = context
        self.scrollOffset = scrollOffset
        self.title = title
    }

    /// The overlay's body lines: a heading per scope, then `keys  help` rows
    /// with the keys column aligned, and why a key is unavailable now.
    public func lines() -> [[Span]] {
        let shown = sections.filter { !table.bindings(in: $0.scope).isEmpty }
        let keyColumn = min(24, shown.flatMap { table.bindings(in: $0.scope) }.map { DisplayWidth.of($0.keysText) }.max() ?? 0)
        var result: [[Span]] = []
        for section in shown {
            if !result.isEmpty { result.append([]) }
            result.append([Span(section.title, role: .helpSection)])
            for binding in table.bindings(in: section.scope) {
                let keys = binding.keysText
                let pad = String(repeating: " ", count: max(1, keyColumn - DisplayWidth.of(keys) + 2))
                result.append([Span(keys, role: .helpKey), Span(pad + binding.help, role: .modal)])
                // Under it, in the help column: why it cannot run now.
                if let reason = binding.disabledReason(in: context) {
                    result.append([Span(String(repeating: " ", count: keyColumn + 2) + "now: " + reason, role: .dim)])
                }
            }
        }
        return result
    }

    /// Draws the overlay centred in `area`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let footer = [Span("Esc", role: .helpKey), Span(" close  ", role: .modal),
                      Span("<Up>/<Down>", role: .helpKey), Span(" scroll", role: .modal)]
        Modal(title: title, lines: lines(), footer: footer, scrollOffset: scrollOffset).draw(into: &canvas, area: area)
    }
}
