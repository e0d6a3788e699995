/// The four panes, in focus order (Tab moves forward through them).
public enum PaneID: Int, CaseIterable, Sendable {
    case phases
    case resources
    case checklist
    case log

    /// The binding scope of the pane, as named in the key-binding table.
    public var scope: String {
        switch self {
        case .phases: return "phases"
        case .resources: return "resources"
        case .checklist: return "checklist"
        case .log: return "log"
        }
    }

    public var title: String {
        switch self {
        case .phases: return "Phases"
        case .resources: return "Resources"
        case .checklist: return "Checklist"
        case .log: return "Log"
        }
    }

    var next: PaneID { PaneID(rawValue: (rawValue + 1) % PaneID.allCases.count)! }
    var previous: PaneID { PaneID(rawValue: (rawValue + PaneID.allCases.count - 1) % PaneID.allCases.count)! }
}
