/// One cell of the screen grid.
///
/// A wide glyph occupies two cells: the first holds the text with
/// `width == 2`, the second is a *continuation* (`width == 0`, empty text).
/// `Canvas` keeps that pairing intact whatever is drawn over either half.
public struct Cell: Hashable, Sendable {
    /// The glyph's characters; empty for a continuation cell.
    public var text: String
    /// 1, 2, or 0 for the right half of a wide glyph.
    public var width: UInt8
    public var style: CellStyle

    public init(text: String, width: UInt8, style: CellStyle) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A space in `style`.
    public static func blank(_ style: CellStyle = .normal) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// The right half of a wide glyph.
    public static func continuation(_ style: CellStyle) -> Cell {
        Cell(text: "", width: 0, style: style)
    }

    /// True for the right half of a wide glyph.
    public var isContinuation: Bool { width == 0 }
}
