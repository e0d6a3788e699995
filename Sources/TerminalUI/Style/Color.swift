/// A terminal colour as a theme asks for it; `ColorDepth.adapt` turns it into
/// what the terminal can show.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background (what the user configured).
    case `default`
    /// One of the 16 palette colours: 0–7 normal, 8–15 bright.
    case ansi(UInt8)
    /// An index into the 256-colour palette.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The names theme files use for the 16 palette colours, by index.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses a theme colour word: `default`, a palette name (`red`,
    /// `bright-blue`, `gray`), `color123` / a bare `0`–`255` index, or `#rrggbb`.
    public init?(themeWord word: String) {
        let lower = word.lowercased()
        if lower == "default" {
            self = .default
            return
        }
        if let index = Color.ansiNames.firstIndex(of: lower) {
            self = .ansi(UInt8(index))
            return
        }
        if lower == "gray" || lower == "grey" {
            self = .ansi(8)
            return
        }
        if lower.hasPrefix("#") {
            let hex = lower.dropFirst()
            guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
            return
        }
        let digits = lower.hasPrefix("color") ? String(lower.dropFirst(5)) : lower
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), let index = Int(digits), (0...255).contains(index) {
            self = .indexed(UInt8(index))
            return
        }
        return nil
    }

    /// The spelling a theme file would use for this colour.
    public var themeWord: String {
        switch self {
        case .default: return "default"
        case .ansi(let index): return Color.ansiNames[Int(index & 15)]
        case .indexed(let index): return "color\(index)"
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }
    }
}
