/// Maps every `StyleRole` to a `Style`.
///
/// Themes are text files in `themes/` (format documented at the top of each
/// shipped file; parsing in `Theme+Loading.swift`). A role a theme does not
/// mention looks as it does in the built-in default theme, so an old theme
/// keeps working when new roles appear.
public struct Theme: Hashable, Sendable {
    /// The theme's name (its file name without `.theme`).
    public var name: String
    /// The roles this theme sets explicitly.
    public private(set) var styles: [StyleRole: Style]

    /// A theme setting `styles`; other roles fall back to the default theme.
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The look of `role`.
    public func style(for role: StyleRole) -> Style {
        if let style = styles[role] { return style }
        if let style = Theme.builtinDefault.styles[role] { return style }
        return .plain
    }

    /// The look of a cell drawn with `cellStyle`.
    public func resolve(_ cellStyle: CellStyle) -> Style {
        switch cellStyle {
        case .role(let role): return style(for: role)
        case .style(let style): return style
        }
    }

    /// Sets the look of `role`.
    public mutating func setStyle(_ style: Style, for role: StyleRole) {
        styles[role] = style
    }

    /// The theme written back in theme-file format (every role, sorted).
    public var fileText: String {
        let width = StyleRole.allCases.map(\.rawValue.count).max() ?? 0
        var lines = ["# Firebreak theme: \(name)", ""]
        for role in StyleRole.allCases {
            let padded = role.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(padded) = \(style(for: role))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
