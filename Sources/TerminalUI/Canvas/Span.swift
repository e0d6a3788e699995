/// A run of text in one style; a line of mixed styles is `[Span]`.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: CellStyle

    public init(_ text: String, style: CellStyle = .normal) {
        self.text = text
        self.style = style
    }

    public init(_ text: String, role: StyleRole) {
        self.init(text, style: .role(role))
    }
}

extension Array where Element == Span {
    /// Columns these spans take when drawn unclipped.
    public var displayWidth: Int { reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
