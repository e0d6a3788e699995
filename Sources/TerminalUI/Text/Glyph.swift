/// One drawable unit: a base character with its combining marks, and the
/// number of columns (1 or 2) it occupies.
public struct Glyph: Hashable, Sendable {
    /// The characters written to the terminal for this glyph.
    public let text: String
    /// Columns occupied: 1 or 2.
    public let width: Int
    /// True when the glyph stands in for something that must not be drawn
    /// as-is (a control character, a bidi override, an unprintable scalar).
    public let isSubstitute: Bool

    /// A glyph; `width` must be what `DisplayWidth` says for `text`'s first scalar.
    public init(text: String, width: Int, isSubstitute: Bool = false) {
        self.text = text
        self.width = width
        self.isSubstitute = isSubstitute
    }
}
