import TerminalUI

extension ConsoleModel {
    /// Gives each list on screen as many rows as the view draws it with, so
    /// paging, clicks and the kept scroll offset agree with what is shown and
    /// the view can draw the model without changing it. Lists not on screen
    /// keep what they had (as when the view did this while drawing).
    mutating func fitListsToScreen() {
        let screen = ConsoleScreenLayout(size: layoutSize, focus: focus)
        guard screen.base.arrangement != .tooSmall else { return }
        if let state {
            for (pane, rect) in screen.visiblePanes {
                let inner = Pane.inner(of: rect)
                switch pane {
                case .phases: phaseList.setViewportHeight(inner.height)
                case .resources:
                    resourceList.setViewportHeight(
                        ConsoleScreenLayout.resourceRows(inside: inner, showingIndicators: !state.indicators.isEmpty).height)
                case .checklist: checklistList.setViewportHeight(inner.height)
                case .log: break
                }
            }
        }
        if case .picker(var picker) = overlay {
            picker.list.setViewportHeight(Pane.inner(of: ConsoleScreenLayout.pickerBox(in: screen.base.body)).height)
            overlay = .picker(picker)
        }
    }
}
