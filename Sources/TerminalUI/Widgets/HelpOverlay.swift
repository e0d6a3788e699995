/// The `?` overlay: every binding available where the user is, grouped by
/// scope, rendered from the same table as the footer and the docs.
public struct HelpOverlay: Hashable, Sendable {
    public var table: KeyBindingTable
    /// The focused pane, whose bindings are listed first.
    public var pane: String?
    /// First line shown (the overlay scrolls when the screen is short).
    public var scrollOffset: Int
    public var title: String

    public init(table: KeyBindingTable, pane: String?, scrollOffset: Int = 0, title: String = "Keys") {
        self.table = table
        self.pane = pane
        self.scrollOffset = scrollOffset
        self.title = title
    }

    /// The overlay's body lines: a heading per scope, then `keys  help` rows
    /// with the keys column aligned.
    public func lines() -> [[Span]] {
        var scopes: [BindingScope] = []
        if let pane, !table.bindings(in: .pane(pane)).isEmpty { scopes.append(.pane(pane)) }
        if !table.bindings(in: .global).isEmpty { scopes.append(.global) }
        let shown = scopes.flatMap { table.bindings(in: $0) }
        let keyColumn = min(24, shown.map { DisplayWidth.of($0.keysText) }.max() ?? 0)
        var result: [[Span]] = []
        for scope in scopes {
            if !result.isEmpty { result.append([]) }
            result.append([Span(scope == .global ? "Everywhere" : scope.description, role: .helpSection)])
            for binding in table.bindings(in: scope) {
                let keys = binding.keysText
                let pad = String(repeating: " ", count: max(1, keyColumn - DisplayWidth.of(keys) + 2))
                result.append([Span(keys, role: .helpKey), Span(pad + binding.help, role: .modal)])
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
