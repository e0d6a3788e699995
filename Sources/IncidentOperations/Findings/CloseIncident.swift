import AWSActions
import Foundation
import IncidentModel
import IncidentStore

/// Closing an incident, as `firebreak close` and the console's `C` both do
/// it: refused while resources are still compromised (unless forced),
/// optionally after resolving the findings it imported in AWS
/// (`ResolveFindings`), whose outcome is recorded as a note in the same
/// append as the close.
///
/// ```swift
/// let plan = ResolveFindings.plan(for: state, updatedBy: actor)
/// let summary = try CloseIncident.resolveFindings(plan, of: state.incident.id, runner: runner)
/// try CloseIncident.record(id, resolution: "keys rotated", findingsSummary: summary, force: false, store: store, actor: actor)
/// ```
public enum CloseIncident {
    /// Refused, naming them, while resources are still compromised, unless `force`.
    public static func refuseWhileCompromised(_ current: IncidentState, force: Bool) throws(OperationError) {
        let compromised = current.stillCompromised.map(\.id)
        guard !force, current.incident.status != .closed, !compromised.isEmpty else { return }
        throw .stillCompromised(current.incident.id, compromised)
    }

    /// Runs the plan's calls; the outcome's line to record, or, when a call failed whole, an error (the incident stays open).
    public static func resolveFindings(_ plan: ResolveFindings.Plan, of incident: IncidentID, runner: AWSCLIRunner) throws(OperationError) -> String {
        let outcome = ResolveFindings.run(plan.calls, runner: runner)
        guard outcome.failures.isEmpty else { throw .findingsNotResolved(incident, failures: outcome.failures) }
        return outcome.summary
    }

    /// Appends the findings' outcome (when they were resolved) and the close in one append, checking again
    /// in its transaction that nothing was marked compromised meanwhile.
    public static func record(_ incident: IncidentID, resolution: String, findingsSummary: String?, force: Bool,
                              store: any IncidentEventStore, actor: String) throws {
        var payloads: [EventPayload] = findingsSummary.map { [.noteAdded(NoteAdded(text: $0))] } ?? []
        payloads.append(.incidentClosed(IncidentClosed(resolution: resolution)))
        let recorded = payloads
        try store.append(to: incident, actor: actor, at: nil) { current in
            try refuseWhileCompromised(current, force: force)
            return recorded
        }
    }
}
