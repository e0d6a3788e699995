/// How many colours a terminal can show; colours degrade step by step:
/// 24-bit → 256 → 16 → 8 → none.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    /// No colours (`NO_COLOR`, or a terminal without colour): attributes only.
    case monochrome = 0
    case ansi8 = 8
    case ansi16 = 16
    case indexed256 = 256
    /// 24-bit ("direct") colour.
    case direct = 16_777_216

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth for a terminal reporting `colors` colours (curses `COLORS`).
    public init(colorCount colors: Int) {
        switch colors {
        case ..<8: self = .monochrome
        case ..<16: self = .ansi8
        case ..<256: self = .ansi16
        case ..<16_777_216: self = .indexed256
        default: self = .direct
        }
    }

    /// `color` as this depth can show it; `.default` stays the terminal's own.
    public func adapt(_ color: Color) -> Color {
        switch (self, color) {
        case (_, .default), (.monochrome, _):
            return .default
        case (.direct, _):
            return color
        case (.indexed256, .rgb(let r, let g, let b)):
            return .indexed(ColorDepth.nearest256(r, g, b))
        case (.indexed256, _):
            return color
        case (.ansi16, .ansi), (.ansi16, .indexed(0...15)):
            return .ansi(ColorDepth.paletteIndex(color))
        case (.ansi16, _):
            return .ansi(ColorDepth.nearest16(ColorDepth.rgb(of: color)))
        case (.ansi8, _):
            if case .ansi(let i) = ColorDepth.ansi16.adapt(color) { return .ansi(i & 7) }
            return .default
        }
    }

    /// `style` as this depth shows it. Colour words vanish in monochrome, but
    /// bold/underline/reverse stay, so meaning survives without colour.
    public func adapt(_ style: Style) -> Style {
        var result = Style(foreground: adapt(style.foreground), background: adapt(style.background), attributes: style.attributes)
        if self == .ansi8, case .ansi(let i) = ColorDepth.ansi16.adapt(style.foreground), i >= 8 {
            // Eight-colour terminals traditionally show the bright half as bold.
            result.attributes.insert(.bold)
        }
        return result
    }

    // MARK: - Palette arithmetic

    private static func paletteIndex(_ color: Color) -> UInt8 {
        switch color {
        case .ansi(let i), .indexed(let i): return i & 15
        default: return 0
        }
    }

    /// xterm's nominal RGB for the 16 palette colours.
    static let palette16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(of color: Color) -> (Int, Int, Int) {
        switch color {
        case .default: return (0, 0, 0)
        case .ansi(let i): return palette16[Int(i & 15)]
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        case .indexed(let i):
            let index = Int(i)
            if index < 16 { return palette16[index] }
            if index >= 232 {
                let level = 8 + (index - 232) * 10
                return (level, level, level)
            }
            let cube = index - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        }
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let target = (Int(r), Int(g), Int(b))
        func level(_ v: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }!
        }
        let cube = 16 + 36 * level(target.0) + 6 * level(target.1) + level(target.2)
        let average = (target.0 + target.1 + target.2) / 3
        let grayStep = min(23, max(0, (average - 3) / 10))
        let gray = 232 + grayStep
        let cubeDistance = distance(target, rgb(of: .indexed(UInt8(cube))))
        let grayDistance = distance(target, rgb(of: .indexed(UInt8(gray))))
        return UInt8(grayDistance < cubeDistance ? gray : cube)
    }

    static func nearest16(_ target: (Int, Int, Int)) -> UInt8 {
        UInt8(palette16.indices.min { distance(target, palette16[$0]) < distance(target, palette16[$1]) }!)
    }
}
