import IncidentModel

/// How the resources pane orders its rows (`o` cycles through them).
enum ResourceSort: String, CaseIterable, Sendable {
    /// Most urgent first: compromised, suspected, contained, …
    case urgency
    case kind
    case id
    case added

    var next: ResourceSort { ResourceSort.allCases[(ResourceSort.allCases.firstIndex(of: self)! + 1) % ResourceSort.allCases.count] }

    func sorted(_ resources: [Resource]) -> [Resource] {
        switch self {
        case .added: return resources
        case .kind: return resources.enumerated().sorted { ($0.element.kind.rawValue, $0.offset) < ($1.element.kind.rawValue, $1.offset) }.map(\.element)
        case .id: return resources.sorted { $0.id < $1.id }
        case .urgency:
            let rank: [ResourceState: Int] = [.compromised: 0, .suspected: 1, .contained: 2, .eradicated: 3, .recovered: 4, .cleared: 5]
            return resources.enumerated().sorted { (rank[$0.element.state]!, $0.offset) < (rank[$1.element.state]!, $1.offset) }.map(\.element)
        }
    }
}
