/// The four panes, in focus order (Tab moves forward through them).
public enum PaneID: Int, CaseIterable, Sendable {
    case phases
    case resources
    case checklist
    case log

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
