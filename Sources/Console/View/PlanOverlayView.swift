import TerminalUI

/// The plan overlay: the wrapped plan lines that fit, where they stand, and how to go on.
enum PlanOverlayView {
    static func draw(_ plan: PlanOverlay, into canvas: inout Canvas, area: Rect) {
        let size = Size(width: area.width, height: area.height)
        let page = plan.page(in: size)
        let preview = plan.preview
        let position = page.total > page.lines.count
            ? "lines \(page.first + 1)–\(page.first + page.lines.count) of \(page.total) · j/k PgUp/PgDn · "
            : ""
        let footer = position + (preview.confirmationText == nil ? "Enter run · Esc cancel" : "Enter, then type the confirmation · Esc cancel")
        Modal(title: "\(preview.action) on \(preview.resources.joined(separator: ", "))", lines: page.lines.map { [Span($0)] },
              footer: [Span(footer, role: preview.confirmationText == nil ? .dim : .danger)],
              preferredWidth: PlanOverlay.width(of: preview.lines, in: size))
            .draw(into: &canvas, area: area)
    }
}
