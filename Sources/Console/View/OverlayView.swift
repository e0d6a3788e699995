import IncidentModel
import TerminalUI

/// Draws the open overlay (help, details, a choice, a prompt, the picker) over the panes.
enum OverlayView {
    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, area: Rect) {
        guard let overlay = model.overlay else { return }
        switch overlay {
        case .help(let scroll):
            // The replay's keys (in a replay) or the focused pane's, then the global ones, each saying why it cannot run now.
            let scopes: [ConsoleKeyScope] = model.mode == .replay ? [.replay, .global] : [.pane(model.focus), .global]
            HelpOverlay(table: model.bindings, sections: scopes.map { ($0, $0 == .global ? "Everywhere" : $0.title) }, context: model,
                        scrollOffset: scroll,
                        title: model.mode == .replay ? "Keys · Replay" : "Keys · \(model.focus.title)").draw(into: &canvas, area: area)
        case .details(let title, let lines):
            Modal(title: title, lines: lines.map { [Span($0)] }, footer: [Span("any key closes", role: .dim)],
                  preferredWidth: min(max(40, lines.map { DisplayWidth.of($0) }.max() ?? 0), area.width - 4))
                .draw(into: &canvas, area: area)
        case .actionPreview(let plan):
            PlanOverlayView.draw(plan, into: &canvas, area: area)
        case .runs(let view):
            RunsOverlayView.draw(view, rows: model.runRows, into: &canvas, area: area)
        case .palette(let palette):
            CommandPaletteView.draw(palette, model: model, into: &canvas, area: area)
        case .confirmQuit:
            Modal(title: "Quit?", text: QuitQuestion.lines(awsWork: model.awsWorkInFlight, otherWrites: model.pendingWrites - model.awsWorkInFlight.count))
                .draw(into: &canvas, area: area)
        case .confirmDrillQuit:
            Modal(title: "Quit the drill?", text: DrillQuitQuestion.lines(
                incident: model.state?.incident.id.description ?? "the drill", endpoint: model.drillEmulator ?? "",
                awsWork: model.awsWorkInFlight, otherWrites: model.pendingWrites - model.awsWorkInFlight.count))
                .draw(into: &canvas, area: area)
        case .choice(let menu):
            let lines = menu.options.enumerated().map { index, option in
                [Span("\(index + 1)  \(option)", role: index == menu.list.selection ? .listSelected : .modal)]
            }
            Modal(title: menu.title, lines: lines, footer: [Span("Enter choose · Esc cancel", role: .dim)],
                  preferredWidth: max(30, (menu.options.map { DisplayWidth.of($0) }.max() ?? 0) + 4)).draw(into: &canvas, area: area)
        case .prompt(let form):
            let width = min(max(50, area.width * 2 / 3), area.width - 4)
            let modal = Modal(title: form.title, lines: [[Span("")], [Span("")]],
                              footer: [Span("Enter save · Esc cancel", role: .dim)], preferredWidth: width)
            let body = modal.draw(into: &canvas, area: area)
            form.prompt.draw(into: &canvas, rect: body)
        case .picker(let picker):
            let box = ConsoleScreenLayout.pickerBox(in: area)
            let inner = Pane(title: "Open incidents", focused: true, info: "Enter open · O new · q \(model.state == nil ? "quit" : "close")").draw(into: &canvas, rect: box)
            picker.list.render(into: &canvas, rect: inner, focused: true, emptyText: "No open incidents: O opens one") { index in
                let incident = picker.incidents[index]
                return [
                    Span(PhasePaneView.pad(incident.id.description, 8)),
                    Span(PhasePaneView.pad(incident.severity.description, 6), role: incident.severity.rawValue <= 2 ? .danger : .normal),
                    Span(PhasePaneView.pad(incident.phase.title, 17), role: .phaseCurrent),
                    Span(incident.title),
                ]
            }
        }
    }
}
