extension IncidentState {
    /// The ticks an operation that just did its work adds in the same
    /// transaction: every open item backed by it (discovery maps the blast
    /// radius, the report writes the report). The readiness audit ticks its
    /// own items, by what passed (`ReadinessAudited.passedItems`).
    /// A closed incident's checklist stays as it was closed: none.
    public func ticks(for operation: ChecklistOperation, reason: String) -> [EventPayload] {
        guard incident.status != .closed else { return [] }
        return checklist.filter { $0.state == .open && $0.template.backedBy == .operation(operation) }
            .map { .checklistItemChanged(ChecklistItemChanged(item: $0.id, state: .done, reason: reason)) }
    }

    /// The ticks that come with an event the responder records: a lesson
    /// (what went well or badly) ticks the evaluation, a policy change the
    /// policy decision, a scheduled drill the drills item; nothing else does.
    public func ticks(following payload: EventPayload) -> [EventPayload] {
        guard case .followUpRecorded(let entry) = payload, incident.status != .closed else { return [] }
        let item: String
        switch entry.category {
        case .wentWell, .wentBadly: item = "follow-up.evaluate"
        case .policy: item = "follow-up.decide-policies"
        case .action:
            guard entry.text.hasPrefix("Drill") else { return [] }
            return ticks(for: .drill, reason: "\(entry.id) recorded")
        }
        guard checklist.contains(where: { $0.id == item && $0.state == .open }) else { return [] }
        return [.checklistItemChanged(ChecklistItemChanged(item: item, state: .done, reason: "\(entry.id) recorded"))]
    }
}
