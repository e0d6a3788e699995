/// A horizontal run of cells that changed between two frames.
public struct CanvasChange: Hashable, Sendable {
    /// Column of the first cell (never a continuation cell).
    public let x: Int
    public let y: Int
    /// The new cells, left to right; a wide glyph and its continuation are
    /// always both included.
    public let cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension Canvas {
    /// The runs of cells that must be written to turn `previous` into this
    /// canvas. With no previous frame, or one of another size, every row is a
    /// single run (a full repaint).
    public func changes(from previous: Canvas?) -> [CanvasChange] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).compactMap { y in
                width == 0 ? nil : CanvasChange(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)]))
            }
        }
        var result: [CanvasChange] = []
        var changed = [Bool](repeating: false, count: width)
        for y in 0..<height {
            let row = y * width
            var any = false
            for x in 0..<width {
                changed[x] = cells[row + x] != previous.cells[row + x]
                any = any || changed[x]
            }
            guard any else { continue }
            // Never start or end a run in the middle of a wide glyph: the
            // terminal can only draw a wide glyph whole.
            for x in 0..<width where changed[x] {
                if cells[row + x].isContinuation, x > 0 { changed[x - 1] = true }
            }
            for x in stride(from: width - 1, through: 0, by: -1) where changed[x] {
                if cells[row + x].width == 2, x + 1 < width { changed[x + 1] = true }
            }
            var x = 0
            while x < width {
                guard changed[x] else {
                    x += 1
                    continue
                }
                let start = x
                while x < width, changed[x] { x += 1 }
                result.append(CanvasChange(x: start, y: y, cells: Array(cells[(row + start)..<(row + x)])))
            }
        }
        return result
    }
}
