import IncidentModel
import TerminalUI

/// What a console binding needs before its command can run. A key whose
/// requirement is not met does nothing but say why in the footer; the footer
/// dims it, and `?` and docs/KEYBINDINGS.md say when it is unavailable.
public enum ConsoleRequirement: KeyBindingRequirement {
    /// The resources pane has a resource selected.
    case resourceSelected
    /// A resource selected, or some marked (one action takes every marked one).
    case resourcesChosen
    /// The checklist has an item selected.
    case itemSelected
    /// The selected item is backed by something Firebreak does.
    case itemBacked
    /// The log has a line selected.
    case logLineSelected
    /// A log search was typed (`s`).
    case logSearch
    /// A source besides the incident's own events is selected (`]`); `to` says what the key would do to it ("paused").
    case followedSourceSelected(to: String)
    /// Any source is selected (`]`).
    case sourceSelected
    /// The incident is open (not closed).
    case incidentOpen
    /// The incident is closed.
    case incidentClosed
    /// The incident is open, or the selected item's backing still works closed (the report).
    case itemWorksWhenClosed

    public func unmetReason(in model: ConsoleModel) -> String? {
        switch self {
        case .resourceSelected:
            return model.selectedResource == nil ? "no resource selected" : nil
        case .resourcesChosen:
            return model.chosenResources.isEmpty ? "no resource selected" : nil
        case .itemSelected:
            return model.selectedItem == nil ? "no checklist item selected" : nil
        case .itemBacked:
            guard let item = model.selectedItem else { return "no checklist item selected" }
            return item.template.backedBy == nil ? "nothing in Firebreak backs \(item.id): tick it when done" : nil
        case .logLineSelected:
            return model.selectedLogLine == nil ? "no log line selected" : nil
        case .logSearch:
            return model.logPane.search == nil ? "no search: s to search the log" : nil
        case .followedSourceSelected(let done):
            guard let id = model.logPane.selectedSource, model.logSources[id] != nil else {
                return model.logPane.selectedSource == "incident" ? "the incident's own events cannot be \(done)" : "no source selected: ] picks one"
            }
            return nil
        case .sourceSelected:
            return model.logPane.selectedSource == nil ? "no source selected: ] picks one" : nil
        case .incidentOpen:
            return model.state?.incident.status == .closed ? "the incident is closed: R reopens it" : nil
        case .incidentClosed:
            return model.state.map { $0.incident.status != .closed } == true ? "the incident is open" : nil
        case .itemWorksWhenClosed:
            guard model.state?.incident.status == .closed, model.selectedItem?.template.backedBy?.worksWhenClosed != true else { return nil }
            return Self.incidentOpen.unmetReason(in: model)
        }
    }

    public var unavailableWhen: String {
        switch self {
        case .resourceSelected: return "no resource is selected"
        case .resourcesChosen: return "no resource is selected or marked"
        case .itemSelected: return "no item is selected"
        case .itemBacked: return "nothing in Firebreak backs the item"
        case .logLineSelected: return "no line is selected"
        case .logSearch: return "nothing was searched for"
        case .followedSourceSelected: return "no followed source is selected"
        case .sourceSelected: return "no source is selected"
        case .incidentOpen: return "the incident is closed"
        case .incidentClosed: return "the incident is open"
        case .itemWorksWhenClosed: return "the incident is closed (but for the report)"
        }
    }
}

/// The console's bindings and table, with its own command, scope and requirement types.
public typealias ConsoleKeyBinding = KeyBinding<ConsoleCommand, ConsoleKeyScope, ConsoleRequirement>
public typealias ConsoleKeyTable = KeyBindingTable<ConsoleCommand, ConsoleKeyScope, ConsoleRequirement>
