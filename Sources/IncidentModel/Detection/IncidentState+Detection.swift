extension IncidentState {
    /// True when a finding with this id (from this source) is already in the incident.
    public func hasImportedFinding(_ id: String, source: String) -> Bool {
        lookups.hasFinding(id: id, source: source)
    }

    /// The resource already in the incident that `id` names, by exact id or short id (an ARN's `i-…`).
    public func existingResource(named id: String) -> Resource? {
        if let index = resourceIndex(exactly: id) { return resources[index] }
        let short = Resource(id: id, kind: .other, state: .suspected, addedAt: incident.openedAt, addedBy: "").shortID
        let candidates = lookups.positions(ofShortID: short)
        return candidates.count == 1 ? resources[candidates[0]] : nil
    }
}
