import CNcursesw
import TerminalUI

extension NcursesScreen {
    /// Shows `canvas`, writing only the cells that differ from the last frame
    /// (everything after a resize, a theme change or `invalidate()`).
    public func render(_ canvas: Canvas, theme: Theme) {
        // A fatal signal on another thread has handed the terminal back (and
        // a backtrace may be printing on it): drawing now would scribble over it.
        guard !TerminalRestorer.hasReleasedTerminal else { return }
        if theme != previousTheme {
            previousFrame = nil
            previousTheme = theme
        }
        let screenSize = size
        var styleCache: [CellStyle: (attr_t, Int32)] = [:]
        var characters = [wchar_t](repeating: 0, count: 6)
        for change in canvas.changes(from: previousFrame) {
            guard change.y < screenSize.height else { continue }
            for (offset, cell) in change.cells.enumerated() where !cell.isContinuation {
                let x = change.x + offset
                guard x + Int(cell.width) <= screenSize.width else { continue }
                let (attributes, pair) = styleCache[cell.style] ?? {
                    let value = colors.attributes(for: theme.resolve(cell.style))
                    styleCache[cell.style] = value
                    return value
                }()
                // The canvas already limits a glyph to a base and four marks,
                // which is what a curses cell holds.
                var count = 0
                for scalar in cell.text.unicodeScalars.prefix(5) {
                    characters[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                if count == 0 {
                    characters[0] = 0x20
                    count = 1
                }
                characters[count] = 0
                var complex = cchar_t()
                var extendedPair = pair
                setcchar(&complex, characters, attributes, Int16(clamping: pair), &extendedPair)
                // Writing the bottom-right cell "fails" because the cursor cannot
                // advance, but the cell is drawn.
                _ = mvwadd_wch(fb_stdscr(), Int32(change.y), Int32(x), &complex)
            }
        }
        wnoutrefresh(fb_stdscr())
        doupdate()
        previousFrame = canvas
    }

    /// Forgets the last frame: the next `render` repaints every cell, and
    /// curses clears the physical screen first (after another program wrote
    /// to it, or when the user asks for a redraw with Ctrl-L).
    public func invalidate() {
        previousFrame = nil
        clearok(fb_stdscr(), true)
    }
}
