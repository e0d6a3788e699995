import IncidentModel
import TerminalUI

/// The compromised resources: state (colour-coded), kind, id, region, owner.
enum ResourcePaneView {
    static func role(for state: ResourceState) -> StyleRole {
        switch state {
        case .suspected: return .resourceSuspected
        case .compromised: return .resourceCompromised
        case .contained: return .resourceContained
        case .eradicated: return .resourceEradicated
        case .recovered: return .resourceRecovered
        case .cleared: return .resourceCleared
        }
    }

    static func draw(_ model: ConsoleModel, into canvas: inout Canvas, rect: Rect) {
        guard let state = model.state else { return }
        let focused = model.focus == .resources
        let resources = model.visibleResources
        let uncontained = state.resources.filter { $0.state == .compromised || $0.state == .suspected }.count
        var info = "\(uncontained) not contained · by \(model.resourceSort.rawValue)"
        if !model.resourceFilter.isEmpty { info = "/\(model.resourceFilter) · " + info }
        let inner = Pane(title: "2 Resources (\(state.resources.count))", focused: focused, info: info).draw(into: &canvas, rect: rect)
        let wide = inner.width >= 70
        let idWidth = min(max(12, resources.map { DisplayWidth.of($0.shortID) }.max() ?? 0), max(12, inner.width / 2))
        // Room for the longest kind shown (iam-instance-profile), never less than the usual 19 columns.
        let kindWidth = max(19, min(21, (resources.map { DisplayWidth.of($0.kind.rawValue) }.max() ?? 0) + 1))
        let emptyText = state.resources.isEmpty
            ? (model.mode == .replay ? "none by this point of the replay" : model.mode == .readOnly ? "none yet" : "none yet: + adds one")
            : "nothing matches the filter"
        let marks = model.markedResources
        // In the blast-radius order, each resource sits under the one it was found from.
        let branches = model.resourceSort == .tree ? BlastRadiusTree.branches(resources) : [:]
        // The incident's indicators of compromise, on the pane's last line.
        let listRect = ConsoleScreenLayout.resourceRows(inside: inner, showingIndicators: !state.indicators.isEmpty)
        if listRect.height < inner.height {
            let shown = state.indicators.map { "\($0.kind.rawValue) \($0.value)" }.joined(separator: ", ")
            _ = canvas.put([Span("IOC \(state.indicators.count): ", role: .warning), Span(shown, role: .dim)],
                           x: inner.x, y: inner.maxY - 1, maxWidth: inner.width)
        }
        model.resourceList.render(into: &canvas, rect: listRect, focused: focused, emptyText: emptyText) { index in
            let resource = resources[index]
            var spans = [Span(marks.contains(resource.id) ? "● " : "  ", role: .warning),
                         Span(PhasePaneView.pad(resource.state.rawValue, 12), role: role(for: resource.state))]
            // A kind longer than its column is cut, never run into the id.
            if wide { spans.append(Span(ColumnText.fit(resource.kind.rawValue, kindWidth), role: .dim)) }
            let branch = branches[resource.id] ?? ""
            spans.append(Span(PhasePaneView.pad(branch + resource.shortID, idWidth + min(DisplayWidth.of(branch), 8)) + " "))
            if wide { spans.append(Span(ColumnText.fit(resource.region ?? "-", 15), role: .dim)) }
            spans.append(Span(resource.owner ?? "no owner", role: resource.owner == nil ? .warning : .normal))
            return spans
        }
    }
}
