extension IncidentState {
    /// True when a finding with this id (from this source) is already in the incident.
    public func hasImportedFinding(_ id: String, source: String) -> Bool {
        lookups.hasFinding(id: id, source: source)
    }

    /// The resource already in the incident that `id` names, by exact id or short id (an ARN's `i-…`).
    /// With `kind`, a short id matches only a resource of that kind (or of no known kind): the role
    /// `arn:…:role/web` is not the user `arn:…:user/web` already there.
    public func existingResource(named id: String, kind: ResourceKind? = nil) -> Resource? {
        if let index = resourceIndex(exactly: id) { return resources[index] }
        let short = Resource(id: id, kind: .other, state: .suspected, addedAt: incident.openedAt, addedBy: "").shortID
        let candidates = lookups.positions(ofShortID: short).filter { position in
            guard let kind, kind != .other else { return true }
            return resources[position].kind == kind || resources[position].kind == .other
        }
        return candidates.count == 1 ? resources[candidates[0]] : nil
    }
}
