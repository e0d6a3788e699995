/// A resolved look: colours plus attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    /// A style; everything defaults to the terminal's own look.
    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    /// The style in theme-file spelling, e.g. `bold yellow on default`.
    public var description: String {
        var words = TextAttributes.themeWords.filter { attributes.contains($0.1) }.map(\.0)
        if foreground != .default || background != .default || words.isEmpty {
            words.append(foreground.themeWord)
        }
        if background != .default {
            words.append("on")
            words.append(background.themeWord)
        }
        return words.joined(separator: " ")
    }
}
