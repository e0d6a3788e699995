/// A framed pane with a title. The focused pane gets a heavy frame as well as
/// the focused roles, so focus stays visible without colour.
public struct Pane: Hashable, Sendable {
    public var title: String
    public var focused: Bool
    /// Short text at the right end of the top edge, e.g. `3/12`.
    public var info: String?

    public init(title: String, focused: Bool = false, info: String? = nil) {
        self.title = title
        self.focused = focused
        self.info = info
    }

    /// The rectangle inside the frame that `draw` would give for `rect`, without drawing.
    public static func inner(of rect: Rect) -> Rect {
        rect.width >= 2 && rect.height >= 2 ? rect.inset(by: 1) : .zero
    }

    /// Draws the frame and title into `rect`; returns the inner rectangle to
    /// draw the content in (empty when `rect` is too small for a frame).
    @discardableResult
    public func draw(into canvas: inout Canvas, rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else {
            canvas.fill(rect, role: .normal)
            return .zero
        }
        canvas.fill(rect, role: .normal)
        let inner = canvas.box(rect, title: title, border: focused ? .heavy : .light,
                               role: focused ? .paneBorderFocused : .paneBorder,
                               titleRole: focused ? .paneTitleFocused : .paneTitle)
        if let info, !info.isEmpty {
            let text = " \(info) "
            let width = DisplayWidth.of(text)
            let titleEnd = rect.x + 1 + min(DisplayWidth.of(" \(title) "), rect.width - 2)
            let x = rect.maxX - 1 - width
            if x > titleEnd {
                canvas.put(text, x: x, y: rect.y, role: focused ? .paneTitleFocused : .paneTitle)
            }
        }
        return inner
    }
}
