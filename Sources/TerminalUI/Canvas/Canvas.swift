/// An in-memory grid of cells: everything Firebreak shows is drawn here first.
///
/// The console builds a fresh canvas each frame; the terminal writes only the
/// cells that differ from the previous frame (`changes(from:)`), and tests read
/// it back with `textLines()` without any terminal.
///
/// ```swift
/// var canvas = Canvas(width: 20, height: 3)
/// canvas.box(canvas.bounds, title: "Resources", role: .paneBorder)
/// canvas.put("i-0abc 🔥", x: 1, y: 1, maxWidth: 18, role: .resourceCompromised)
/// ```
///
/// All drawing is clipped to `clipRect` (the whole canvas unless narrowed with
/// `withClip`), and all text goes through `TextSanitizer`.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Drawing outside this rectangle is discarded.
    public internal(set) var clipRect: Rect

    /// A canvas of `width`×`height` blank cells (negative sizes become 0).
    public init(width: Int, height: Int, fill: Cell = .blank()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill.isContinuation ? .blank(fill.style) : fill, count: self.width * self.height)
        self.clipRect = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    /// A canvas covering `size`.
    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`); outside the canvas, a blank.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank() }
        return cells[y * width + x]
    }

    /// Runs `body` with drawing clipped to `rect` (within the current clip),
    /// so a widget cannot draw outside the rectangle it was given.
    @discardableResult
    public mutating func withClip<Result>(_ rect: Rect, _ body: (inout Canvas) throws -> Result) rethrows -> Result {
        let saved = clipRect
        clipRect = clipRect.intersection(rect)
        defer { clipRect = saved }
        return try body(&self)
    }

    /// Writes one glyph at (`x`, `y`) if it fits entirely inside the clip;
    /// repairs any wide glyph it half-overwrites. Returns whether it was drawn.
    @discardableResult
    mutating func setGlyph(_ text: String, width glyphWidth: Int, x: Int, y: Int, style: CellStyle) -> Bool {
        guard clipRect.contains(x: x, y: y), glyphWidth == 1 || clipRect.contains(x: x + 1, y: y) else { return false }
        let index = y * width + x
        breakWideGlyph(at: x, y: y)
        if glyphWidth == 2 {
            breakWideGlyph(at: x + 1, y: y)
            cells[index] = Cell(text: text, width: 2, style: style)
            cells[index + 1] = .continuation(style)
        } else {
            cells[index] = Cell(text: text, width: 1, style: style)
        }
        return true
    }

    /// Before (`x`, `y`) is overwritten: if it is half of a wide glyph, the
    /// other half becomes a blank in the same style, so no half-glyph survives.
    private mutating func breakWideGlyph(at x: Int, y: Int) {
        let index = y * width + x
        let cell = cells[index]
        if cell.isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
            cells[index] = .blank(cell.style)
        } else if cell.width == 2, x + 1 < width {
            cells[index + 1] = .blank(cell.style)
        }
    }
}
