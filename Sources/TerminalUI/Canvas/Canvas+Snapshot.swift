import Foundation

extension Canvas {
    /// The canvas as text, one string per row (wide glyphs appear once, their
    /// continuation cells add nothing). For tests and debugging.
    public func textLines(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                line += cells[y * width + x].text
            }
            guard trimmingTrailingSpaces else { return line }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `textLines()` joined with newlines, trailing spaces trimmed.
    public var textSnapshot: String {
        textLines(trimmingTrailingSpaces: true).joined(separator: "\n")
    }

    /// The role of the cell at (`x`, `y`), if it was drawn with a role.
    public func role(x: Int, y: Int) -> StyleRole? {
        if case .role(let role) = self[x, y].style { return role }
        return nil
    }

    /// The columns of row `y` whose text starts with `text`, as drawn.
    public func column(of text: String, inRow y: Int) -> Int? {
        guard y >= 0, y < height else { return nil }
        var columns: [Int] = []
        var line = ""
        for x in 0..<width {
            let cell = cells[y * width + x]
            for _ in cell.text { columns.append(x) }
            line += cell.text
        }
        guard let range = line.range(of: text) else { return nil }
        let offset = line.distance(from: line.startIndex, to: range.lowerBound)
        return offset < columns.count ? columns[offset] : nil
    }
}
