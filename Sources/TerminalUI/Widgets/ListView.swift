/// Selection and scrolling for a list drawn in a pane.
///
/// The state is a value kept in the console's model; `draw` renders the
/// visible rows. The selection is always visible after any move or resize.
public struct ListView: Hashable, Sendable {
    /// Number of rows in the list.
    public private(set) var count: Int
    /// Selected row, nil when the list is empty.
    public private(set) var selection: Int?
    /// First visible row.
    public private(set) var offset: Int = 0
    /// Rows that fit in the pane (set by `draw`, or explicitly).
    public private(set) var viewportHeight: Int

    public init(count: Int = 0, selection: Int = 0, viewportHeight: Int = 1) {
        self.count = max(0, count)
        self.viewportHeight = max(1, viewportHeight)
        self.selection = count > 0 ? min(max(0, selection), count - 1) : nil
        scrollToSelection()
    }

    /// Changes the number of rows (the data changed); keeps the selection on
    /// the same index when it still exists, else the last row.
    public mutating func setCount(_ newCount: Int) {
        count = max(0, newCount)
        if count == 0 {
            selection = nil
        } else {
            selection = min(selection ?? 0, count - 1)
        }
        scrollToSelection()
    }

    /// Sets how many rows are visible and scrolls to keep the selection in view.
    public mutating func setViewportHeight(_ height: Int) {
        viewportHeight = max(1, height)
        scrollToSelection()
    }

    /// Selects `index` (clamped to the list).
    public mutating func select(_ index: Int) {
        guard count > 0 else { return }
        selection = min(max(0, index), count - 1)
        scrollToSelection()
    }

    public mutating func moveDown(by step: Int = 1) { select((selection ?? -1) + step) }
    public mutating func moveUp(by step: Int = 1) { select((selection ?? 0) - step) }
    public mutating func selectFirst() { select(0) }
    public mutating func selectLast() { select(count - 1) }

    /// Moves a page down: the view and the selection advance by a page less
    /// one row, so the old bottom row stays visible for context.
    public mutating func pageDown() {
        guard count > 0 else { return }
        let step = max(1, viewportHeight - 1)
        offset = min(max(0, count - viewportHeight), offset + step)
        select((selection ?? 0) + step)
    }

    /// Moves a page up (see `pageDown`).
    public mutating func pageUp() {
        guard count > 0 else { return }
        let step = max(1, viewportHeight - 1)
        offset = max(0, offset - step)
        select((selection ?? 0) - step)
    }

    /// Handles the navigation keys every list shares (arrows, PageUp/Down,
    /// Home/End, mouse wheel). Letter keys such as `j`/`k` belong to the
    /// console's binding table. Returns true when the key was used.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .down: moveDown()
        case .up: moveUp()
        case .pageDown: pageDown()
        case .pageUp: pageUp()
        case .home: selectFirst()
        case .end: selectLast()
        case .mouse(let event) where event.button == .wheelDown: moveDown(by: 3)
        case .mouse(let event) where event.button == .wheelUp: moveUp(by: 3)
        default: return false
        }
        return true
    }

    /// The indices currently visible.
    public var visibleRange: Range<Int> {
        offset..<min(count, offset + viewportHeight)
    }

    private mutating func scrollToSelection() {
        if let selection {
            if selection < offset { offset = selection }
            if selection >= offset + viewportHeight { offset = selection - viewportHeight + 1 }
        }
        offset = min(max(0, offset), max(0, count - viewportHeight))
    }

    /// Draws the visible rows into `rect` (updating `viewportHeight` to fit).
    /// `row` returns the spans of a row; the selected row is drawn in the
    /// selection role across the full width, so its spans' own roles are
    /// replaced. An empty list shows `emptyText` dimmed.
    public mutating func draw(into canvas: inout Canvas, rect: Rect, focused: Bool, emptyText: String = "",
                              row: (Int) -> [Span]) {
        setViewportHeight(rect.height)
        render(into: &canvas, rect: rect, focused: focused, emptyText: emptyText, row: row)
    }

    /// Draws the rows as `draw` would, leaving this state as it is: for a
    /// view that only reads its model, whose owner keeps `viewportHeight`
    /// fitted to `rect` (then the two draw the same).
    public func render(into canvas: inout Canvas, rect: Rect, focused: Bool, emptyText: String = "",
                       row: (Int) -> [Span]) {
        var fitted = self
        fitted.setViewportHeight(rect.height)
        guard !rect.isEmpty else { return }
        canvas.withClip(rect) { canvas in
            if fitted.count == 0 {
                canvas.put(emptyText, x: rect.x, y: rect.y, maxWidth: rect.width, role: .dim)
                return
            }
            let selectedRole: StyleRole = focused ? .listSelected : .listSelectedUnfocused
            for (line, index) in fitted.visibleRange.enumerated() {
                let y = rect.y + line
                var spans = row(index)
                if index == fitted.selection {
                    canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: selectedRole)
                    spans = spans.map { Span($0.text, role: selectedRole) }
                }
                canvas.put(spans, x: rect.x, y: y, maxWidth: rect.width)
            }
        }
    }
}
