import IncidentModel

/// How the resources pane orders its rows (`o` cycles through them).
enum ResourceSort: String, CaseIterable, Sendable {
    /// Most urgent first: compromised, suspected, contained, …
    case urgency
    case kind
    case id
    case added
    /// The blast radius: each resource under the one it was found from (discovery's `foundVia`).
    case tree = "blast radius"

    var next: ResourceSort { ResourceSort.allCases[(ResourceSort.allCases.firstIndex(of: self)! + 1) % ResourceSort.allCases.count] }

    func sorted(_ resources: [Resource]) -> [Resource] {
        switch self {
        case .added: return resources
        case .kind: return resources.enumerated().sorted { ($0.element.kind.rawValue, $0.offset) < ($1.element.kind.rawValue, $1.offset) }.map(\.element)
        case .id: return resources.sorted { $0.id < $1.id }
        case .urgency:
            let rank: [ResourceState: Int] = [.compromised: 0, .suspected: 1, .contained: 2, .eradicated: 3, .recovered: 4, .cleared: 5]
            return resources.enumerated().sorted { (rank[$0.element.state]!, $0.offset) < (rank[$1.element.state]!, $1.offset) }.map(\.element)
        case .tree: return Self.tree(resources).map(\.resource)
        }
    }

    /// Depth-first, in the order added: roots (resources not found from another
    /// one shown here) at depth 0, what was found from each right under it.
    static func tree(_ resources: [Resource]) -> [(resource: Resource, depth: Int)] {
        let present = Set(resources.map(\.id))
        var children: [String: [Resource]] = [:]
        var roots: [Resource] = []
        for resource in resources {
            if let parent = resource.foundVia?.from, parent != resource.id, present.contains(parent) {
                children[parent, default: []].append(resource)
            } else {
                roots.append(resource)
            }
        }
        var ordered: [(Resource, Int)] = []
        var visited = Set<String>()
        func visit(_ resource: Resource, _ depth: Int) {
            guard visited.insert(resource.id).inserted else { return }
            ordered.append((resource, depth))
            for child in children[resource.id] ?? [] { visit(child, depth + 1) }
        }
        for root in roots { visit(root, 0) }
        // A cycle (a found from b found from a) has no root: show what is left flat.
        for resource in resources where !visited.contains(resource.id) { visit(resource, 0) }
        return ordered
    }
}
