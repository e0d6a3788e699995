import IncidentModel

/// What the footer says once the store has recorded a write: the change in
/// a few words (`note saved`, `line pinned as evidence`, `i-0abc: compromised → contained`),
/// and the checklist items that were ticked with it.
enum WriteFeedback {
    static func text(for payloads: [EventPayload]) -> String {
        guard let first = payloads.first else { return "saved" }
        let ticked = payloads.dropFirst().compactMap { payload -> String? in
            if case .checklistItemChanged(let body) = payload, body.state == .done { return body.item }
            return nil
        }
        return said(first) + (ticked.isEmpty ? "" : "; ticked \(ticked.joined(separator: ", "))")
    }

    static func said(_ payload: EventPayload) -> String {
        switch payload {
        case .noteAdded(let body): return body.noteKind == .statusUpdate ? "status update saved (the report collects it)" : "note saved"
        case .evidencePinned(let body): return "line pinned as evidence (sha256 \(body.sha256.prefix(12))…)"
        case .resourceStateChanged(let body): return "state changed: \(body.resource) \(body.from.rawValue) → \(body.to.rawValue)"
        case .resourceAdded(let body): return "added \(body.id) (\(body.kind.rawValue)) as \(body.state.rawValue)"
        case .checklistItemChanged(let body):
            let verb = ["open": "reopened", "done": "ticked", "skipped": "skipped"][body.state.rawValue] ?? body.state.rawValue
            return "\(verb) \(body.item)"
        case .checklistItemAdded(let body): return "added \(body.item.id) to the checklist"
        case .phaseEntered(let body): return "entered \(body.phase.title)"
        case .followUpRecorded(let body): return "\(body.id) recorded (\(body.category.rawValue))"
        case .severityChanged(let body): return "severity changed: \(body.from) → \(body.to) (\(body.to.label))"
        case .incidentClosed: return "incident closed"
        case .incidentReopened: return "incident reopened"
        default: return "recorded: \(payload.summary)"
        }
    }
}
