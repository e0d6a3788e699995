import Foundation
import IncidentModel
import TerminalUI

/// Draws a `ConsoleModel` into a canvas: header, four panes, footer, and the
/// open overlay. Pure and read-only: the same model always gives the same
/// canvas, which is what the headless snapshot tests rely on; what scrolling
/// depends on the screen (each list's rows) `update` keeps fitted.
public enum ConsoleView {
    public static func render(_ model: ConsoleModel) -> Canvas {
        var canvas = Canvas(size: model.size)
        let screen = ConsoleScreenLayout(size: model.layoutSize, focus: model.focus, zoomed: model.zoomed)
        let layout = screen.base
        guard layout.arrangement != .tooSmall else {
            TooSmallScreen.draw(into: &canvas, required: ConsoleLayout.minimumSize)
            return canvas
        }
        drawHeader(model, into: &canvas, rect: layout.header)
        if model.state != nil {
            for (pane, rect) in screen.visiblePanes {
                switch pane {
                case .phases: PhasePaneView.draw(model, into: &canvas, rect: rect)
                case .resources: ResourcePaneView.draw(model, into: &canvas, rect: rect)
                case .checklist: ChecklistPaneView.draw(model, into: &canvas, rect: rect)
                case .log: LogPaneView.draw(model, into: &canvas, rect: rect)
                }
            }
        } else if model.overlay == nil {
            let lines = switch model.mode {
            case .live: ["No open incident.", "", "O  open a new incident", "q  quit"]
            case .readOnly: ["No open incident to watch.", "", "q  quit"]
            // Until the record is indexed (a few seconds for a million events).
            case .replay: ["Reading the record to replay…", "", "q  quit"]
            }
            Modal(title: "Firebreak", text: lines).draw(into: &canvas, area: layout.body)
        }
        drawFooter(model, into: &canvas, rect: layout.footer)
        if let replay = model.replay {
            ScrubberView.draw(replay, into: &canvas, rect: Rect(x: 0, y: model.size.height - 1, width: model.size.width, height: 1))
        }
        OverlayView.draw(model, into: &canvas, area: layout.body)
        return canvas
    }

    static func drawHeader(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        guard let state = model.state else {
            canvas.fill(rect, role: .header)
            _ = canvas.put([Span(" Firebreak ", role: .header)] + reconnecting(model), x: rect.x, y: rect.y, maxWidth: rect.width)
            return
        }
        let incident = state.incident
        let role: StyleRole = model.mode == .replay ? .headerReplay : (incident.isDrill ? .headerDrill : .header)
        canvas.fill(rect, role: role)
        let end = incident.closedAt ?? model.displayNow
        let inPhase = state.phaseVisits.last.map { $0.duration(until: end) } ?? 0
        var badges: [Span] = []
        if model.mode == .readOnly { badges.append(Span(" READ-ONLY ", role: .readonlyBadge)) }
        if model.mode == .replay { badges.append(Span(" REPLAY ", role: .readonlyBadge)) }
        if incident.isDrill { badges.append(Span(" DRILL ", role: .readonlyBadge)) }
        badges += reconnecting(model)
        // The facts a responder glances for come first; the title takes what room is left.
        let facts = [
            Span("  \(incident.severity)", role: role),
            Span("  ▶ \(state.phase.title)", role: role),
            Span(incident.status == .closed ? "  closed" : "  open \(TimeText.duration(end.timeIntervalSince(incident.openedAt)))", role: role),
            Span("  in phase \(TimeText.duration(inPhase))", role: role),
            Span("  \(model.operatorName) ", role: role),
        ] + whoElse(model, state: state, role: role)
        let id = Span(" \(incident.id) ", role: role)
        let room = rect.width - badges.displayWidth - id.text.count - facts.displayWidth
        var x = rect.x + canvas.put(badges + [id], x: rect.x, y: rect.y, maxWidth: rect.width)
        if room > 3 {
            x += canvas.putTruncated(incident.title, x: x, y: rect.y, maxWidth: room, style: .role(role))
        }
        canvas.put(facts, x: x, y: rect.y, maxWidth: max(0, rect.maxX - x))
    }

    /// While the store's server is away: what is on screen may be behind, and writes are refused.
    static func reconnecting(_ model: ConsoleModel) -> [Span] {
        model.storeAway == nil ? [] : [Span(" reconnecting… ", role: .error)]
    }

    /// Roles and the other people on the incident: `cmd alice · scribe bob · also carol, dave (watching)`.
    static func whoElse(_ model: ConsoleModel, state: IncidentState, role: StyleRole) -> [Span] {
        var parts: [String] = []
        if let commander = state.roles[.commander] { parts.append("cmd \(commander)") }
        if let scribe = state.roles[.scribe] { parts.append("scribe \(scribe)") }
        if !model.others.isEmpty {
            parts.append("also " + model.others.map { $0.operatorName + ($0.mode == .live ? "" : " (\($0.mode.rawValue))") }.joined(separator: ", "))
        }
        return parts.isEmpty ? [] : [Span("· " + parts.joined(separator: " · ") + " ", role: role)]
    }

    static func drawFooter(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        // An error first; then a fresh message (a write just saved); then what is running, with its step and time.
        var status: [Span] = []
        if let message = model.status, message.isError || model.runningText == nil || model.now.timeIntervalSince(message.at) < 3 {
            status = [Span(message.text, role: message.isError ? .error : .success)]
        } else if let running = model.runningText {
            status = [Span(running, role: .dim)]
        } else if let message = model.status {
            status = [Span(message.text, role: .success)]
        }
        // An error takes the whole line: it matters more than the key hints, which come back when it clears.
        // So does a message longer than the third of the line the hints leave it: it is read whole, not cut.
        let long = status.displayWidth > rect.width / 3
        let showHints = model.state != nil && model.status?.isError != true && !long
        let hints = showHints ? model.bindings.footerHints(in: model.activeScopes, context: model) : []
        // Longer than the screen is wide: cut with `…` at the real width.
        if status.displayWidth > rect.width, let message = status.first {
            status = [Span(ColumnText.cut(message.text, rect.width), style: message.style)]
        }
        StatusLine(hints: hints, status: status).draw(into: &canvas, rect: rect)
    }
}
