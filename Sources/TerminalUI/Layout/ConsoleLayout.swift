/// The console's screen regions for a terminal size: a header row, a footer
/// row, and four panes between them, arranged to fit.
///
/// | arrangement | when | panes |
/// | --- | --- | --- |
/// | `.grid` | at least `gridMinimum` | 2×2, side by side |
/// | `.stacked` | narrower, at least `stackedMinimumHeight` rows | one above the other |
/// | `.single` | smaller, at least `minimumSize` | only the focused pane, full body |
/// | `.tooSmall` | below `minimumSize` | none: show `TooSmallScreen` |
///
/// Every rect lies inside the screen and none overlap, at any size
/// including 0×0.
public struct ConsoleLayout: Hashable, Sendable {
    public enum Arrangement: String, Hashable, Sendable {
        case grid, stacked, single, tooSmall
    }

    /// Below this the console shows `TooSmallScreen`.
    public static let minimumSize = Size(width: 30, height: 8)
    /// From this size up the panes sit 2×2.
    public static let gridMinimum = Size(width: 80, height: 16)
    /// Header + footer + four panes of five rows (frame and three lines).
    public static let stackedMinimumHeight = 22

    public let size: Size
    public let arrangement: Arrangement
    public let header: Rect
    public let footer: Rect
    /// Everything between header and footer.
    public let body: Rect
    /// One rect per pane, in the console's pane order; panes not shown (in
    /// `.single` and `.tooSmall`) get an empty rect.
    public let panes: [Rect]

    /// The layout for `size` with `paneCount` panes (four in the console);
    /// `focusedPane` is the one shown in the `.single` arrangement.
    public init(size: Size, focusedPane: Int = 0, paneCount: Int = 4) {
        self.size = size
        let count = max(0, paneCount)
        let screen = Rect(size: size)
        guard size.contains(ConsoleLayout.minimumSize), count > 0 else {
            arrangement = .tooSmall
            header = .zero
            footer = .zero
            body = screen
            panes = Array(repeating: .zero, count: count)
            return
        }
        let (top, rest) = screen.splitTop(1)
        let (middle, bottom) = rest.splitBottom(1)
        header = top
        footer = bottom
        body = middle
        if size.contains(ConsoleLayout.gridMinimum), count > 1 {
            arrangement = .grid
            let columns = (count + 1) / 2
            let rows = middle.rows(2)
            var rects: [Rect] = []
            for (index, row) in rows.enumerated() {
                let inRow = index == 0 ? columns : count - columns
                rects += row.columns(inRow)
            }
            // Column-major reading order would surprise; keep row-major (left→right, top→bottom).
            panes = rects
        } else if size.height >= 2 + count * 5 || (count == 1) {
            arrangement = count == 1 ? .single : .stacked
            panes = middle.rows(count)
        } else {
            arrangement = .single
            let focused = min(max(0, focusedPane), count - 1)
            panes = (0..<count).map { $0 == focused ? middle : .zero }
        }
    }

    /// The panes that are visible, with their indices.
    public var visiblePanes: [(index: Int, rect: Rect)] {
        panes.enumerated().filter { !$0.element.isEmpty }.map { ($0.offset, $0.element) }
    }
}
