import IncidentModel
import IncidentStore

/// Rating the incident anew (`firebreak severity`, the console's `S`):
/// recorded as `severity.changed`, with why when the responder says.
public enum ChangeSeverity {
    /// Why the incident cannot be rated `severity` now, as one line, or nil when it can.
    public static func refusal(to severity: Severity, in state: IncidentState) -> String? {
        severity == state.incident.severity ? "\(state.incident.id) is already \(severity): nothing changed" : nil
    }

    /// The event for `from` → `to` with the responder's `reason` (empty: none), refused
    /// as one line when the reason is not one line of text. `from` is the severity the
    /// responder saw: the store refuses it if someone changed it meanwhile.
    public static func event(from: Severity, to: Severity, reason: String?) throws -> EventPayload {
        let reason = try reason.map { try TextField.singleLine($0, named: "the reason", allowEmpty: true) }
        return .severityChanged(SeverityChanged(from: from, to: to, reason: reason?.isEmpty == false ? reason : nil))
    }

    /// Records the change in one append, judged against the incident as it is inside it;
    /// returns what was recorded.
    @discardableResult
    public static func record(to severity: Severity, reason: String?, store: any IncidentEventStore, incident: IncidentID,
                              actor: String) throws -> SeverityChanged {
        var recorded: SeverityChanged?
        try store.append(to: incident, actor: actor, at: nil) { state in
            if let refusal = refusal(to: severity, in: state) { throw IncidentError.conflict(refusal) }
            let payload = try event(from: state.incident.severity, to: severity, reason: reason)
            if case .severityChanged(let change) = payload { recorded = change }
            return [payload]
        }
        guard let recorded else { throw IncidentError.conflict("the severity change was not recorded") }
        return recorded
    }
}
