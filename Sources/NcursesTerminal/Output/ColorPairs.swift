import CNcursesw
import TerminalUI

/// Turns resolved styles into curses attributes and colour pairs,
/// allocating pairs on first use.
struct ColorPairs {
    let depth: ColorDepth
    let terminalHasDefaultColors: Bool
    let maxPairs: Int
    private var pairs: [Pair: Int32] = [:]
    private var nextPair: Int32 = 1

    struct Pair: Hashable {
        let foreground: Color
        let background: Color
    }

    init(depth: ColorDepth, terminalHasDefaultColors: Bool, maxPairs: Int) {
        self.depth = depth
        self.terminalHasDefaultColors = terminalHasDefaultColors
        self.maxPairs = maxPairs
    }

    /// Attributes and pair number for `style` on this terminal.
    mutating func attributes(for style: Style) -> (attr_t, Int32) {
        let adapted = depth.adapt(style)
        var attributes = fb_a_normal()
        if adapted.attributes.contains(.bold) { attributes |= fb_a_bold() }
        if adapted.attributes.contains(.dim) { attributes |= fb_a_dim() }
        if adapted.attributes.contains(.underline) { attributes |= fb_a_underline() }
        if adapted.attributes.contains(.reverse) { attributes |= fb_a_reverse() }
        if adapted.attributes.contains(.italic) { attributes |= fb_a_italic() }
        guard depth != .monochrome else { return (attributes, 0) }
        return (attributes, pair(foreground: adapted.foreground, background: adapted.background))
    }

    private mutating func pair(foreground: Color, background: Color) -> Int32 {
        if foreground == .default, background == .default { return 0 }
        let key = Pair(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        // Out of pairs: fall back to the terminal's colours rather than fail.
        guard Int(nextPair) < maxPairs else { return 0 }
        let number = nextPair
        guard init_extended_pair(number, colorNumber(foreground, isForeground: true), colorNumber(background, isForeground: false)) == OK else {
            return 0
        }
        nextPair += 1
        pairs[key] = number
        return number
    }

    /// The curses colour number for an already adapted colour.
    func colorNumber(_ color: Color, isForeground: Bool) -> Int32 {
        switch color {
        case .default:
            if terminalHasDefaultColors { return -1 }
            return isForeground ? Int32(COLOR_WHITE) : Int32(COLOR_BLACK)
        case .ansi(let index): return Int32(index)
        case .indexed(let index): return Int32(index)
        case .rgb(let r, let g, let b): return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }
}
