import TerminalUI

/// Where the four panes go. Wide screens give the phase timeline only the
/// room its seven rows need and hand the rest to resources, the checklist
/// and the log; smaller screens use `ConsoleLayout`'s stacked and single
/// arrangements as they are.
struct ConsoleScreenLayout {
    let base: ConsoleLayout
    /// One rect per `PaneID`; empty for a pane not shown.
    let panes: [Rect]

    /// `zoomed`: the focused pane alone takes the whole body (`Z`).
    init(size: Size, focus: PaneID, zoomed: Bool = false) {
        base = ConsoleLayout(size: size, focusedPane: focus.rawValue, paneCount: PaneID.allCases.count)
        if zoomed, base.arrangement != .tooSmall {
            let body = base.body
            panes = PaneID.allCases.map { $0 == focus ? body : .zero }
            return
        }
        guard base.arrangement == .grid else {
            panes = base.panes
            return
        }
        let body = base.body
        // Seven phases plus the frame, but never more than half the body.
        let topHeight = min(max(9, body.height * 2 / 5), body.height / 2)
        let (top, bottom) = body.splitTop(topHeight)
        let phasesWidth = min(46, max(34, body.width / 3))
        let (phases, resources) = top.splitLeft(phasesWidth)
        let (checklist, log) = bottom.splitLeft(bottom.width / 2)
        panes = [phases, resources, checklist, log]
    }

    var visiblePanes: [(pane: PaneID, rect: Rect)] {
        panes.enumerated().compactMap { index, rect in
            rect.isEmpty ? nil : PaneID(rawValue: index).map { ($0, rect) }
        }
    }

    /// The resource list's rows inside the pane's frame: the last line goes to the incident's indicators when it has any.
    static func resourceRows(inside inner: Rect, showingIndicators: Bool) -> Rect {
        var rows = inner
        if showingIndicators, inner.height >= 4 { rows.height -= 1 }
        return rows
    }

    /// The incident picker's frame over the panes' area.
    static func pickerBox(in area: Rect) -> Rect {
        Rect(x: area.x + 2, y: area.y + 1, width: max(0, area.width - 4), height: max(0, area.height - 2))
    }
}
