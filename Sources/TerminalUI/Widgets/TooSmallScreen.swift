/// What is shown instead of the console when the terminal is below the
/// minimum size: `Terminal too small: need 80×24, have 40×12`.
public enum TooSmallScreen {
    /// The message lines for a terminal of `actual` size.
    public static func lines(required: Size, actual: Size) -> [String] {
        ["Terminal too small:", "need \(required), have \(actual)"]
    }

    /// Clears `canvas` and draws the message centred, clipped to whatever
    /// fits (even at 1×1).
    public static func draw(into canvas: inout Canvas, required: Size) {
        canvas.clear()
        let text = lines(required: required, actual: canvas.size)
        let oneLine = text.joined(separator: " ")
        let rows = DisplayWidth.of(oneLine) <= canvas.width ? [oneLine] : text
        let top = max(0, (canvas.height - rows.count) / 2)
        for (index, line) in rows.enumerated() {
            let width = DisplayWidth.of(line)
            let x = max(0, (canvas.width - width) / 2)
            canvas.put(line, x: x, y: top + index, maxWidth: canvas.width, role: .warning)
        }
    }
}
