import IncidentModel

/// The blast-radius order of the resources pane drawn as a tree: each
/// resource under the one it was found from, `├` for a child with a sibling
/// after it, `└` for the last, `│` carrying a branch on past a deeper one.
enum BlastRadiusTree {
    /// Each resource's branch drawing (`│ ├ `), by id; empty for a root.
    static func branches(_ resources: [Resource]) -> [String: String] {
        let ordered = ResourceSort.tree(resources)
        var branches: [String: String] = [:]
        // For each depth, whether the resource last seen at it has a sibling still to come.
        var open: [Bool] = []
        for (index, entry) in ordered.enumerated() {
            guard entry.depth > 0 else { open = []; branches[entry.resource.id] = ""; continue }
            // The next resource at this depth before the tree climbs above it is a later sibling.
            let rest = ordered[(index + 1)...].prefix { $0.depth >= entry.depth }
            let hasLaterSibling = rest.contains { $0.depth == entry.depth }
            open = Array(open.prefix(entry.depth - 1))
            while open.count < entry.depth - 1 { open.append(false) }
            branches[entry.resource.id] = open.map { $0 ? "│ " : "  " }.joined() + (hasLaterSibling ? "├ " : "└ ")
            open.append(hasLaterSibling)
        }
        return branches
    }
}
