import Foundation
import IncidentModel
import IncidentStore

/// Everything the post-incident report says, gathered once from the record and
/// then written as Markdown, JSON or HTML (IncidentDocuments: `IncidentReport+Markdown`, `+JSON`, `+HTML`).
///
/// It is built from the events, the state they fold into, the metrics and the
/// result of verifying the hash chain, all read from the same store, so every
/// format says the same thing. Secrets never reach it: action output was
/// redacted by the AWS CLI runner before it was recorded.
public struct IncidentReport {
    /// The version of the report's shape (`reportVersion` in docs/report.schema.json).
    public static let formatVersion = 1

    public var state: IncidentState
    public var events: [RecordedEvent]
    public var metrics: IncidentMetrics
    public var verification: ChainVerification?
    public var generatedAt: Date
    public var generatedBy: String

    public var incident: Incident { state.incident }

    /// Every note, oldest first: read from the events (the folded state keeps no notes).
    public var notes: [Note] { Note.all(in: events.lazy.map(\.event)) }

    /// The attack's intent as recorded: the suspected intents (`intent.recorded`,
    /// from findings or responders), else the latest note that starts with
    /// `Intent:`, else the reason given on the `detection.intent` checklist
    /// item. Nil when none exists.
    public var intent: String? {
        if !state.intents.isEmpty { return state.intents.map(\.intent).joined(separator: "; ") }
        if let note = notes.last(where: { $0.text.lowercased().hasPrefix("intent:") }) {
            return note.text.dropFirst("intent:".count).trimmingCharacters(in: .whitespaces)
        }
        return state.checklist.first { $0.id == "detection.intent" && $0.state == .done }?.reason
    }

    /// Every visit to every phase, in order, with how long it lasted.
    public var phaseVisits: [(visit: PhaseVisit, seconds: TimeInterval)] {
        state.phaseVisits.map { ($0, $0.duration(until: metrics.asOf)) }
    }

    /// The checklist of one phase, and how far it got.
    public struct ChecklistPhase {
        public var phase: Phase
        public var items: [ChecklistItem]
        public var done: Int { items.filter { $0.state == .done }.count }
        public var skipped: Int { items.filter { $0.state == .skipped }.count }
        public var open: Int { items.filter { $0.state == .open }.count }
    }

    public var checklistByPhase: [ChecklistPhase] {
        Phase.allCases.map { phase in ChecklistPhase(phase: phase, items: state.checklist.filter { $0.phase == phase }) }
    }

    /// Notes written while the incident was in Follow-up: lessons and decisions
    /// recorded as plain notes belong with the follow-up items.
    public var followUpNotes: [Note] {
        let visits = state.phaseVisits.filter { $0.phase == .followUp }
        return notes.filter { note in visits.contains { note.at >= $0.enteredAt && note.at <= ($0.leftAt ?? .distantFuture) } }
    }

    /// The status updates given to stakeholders (notes of that kind), oldest first.
    public var statusUpdates: [Note] { notes.filter { $0.kind == .statusUpdate } }

    /// The chain's verdict in one line.
    public var verificationLine: String {
        guard let verification else { return "not verified" }
        if let problem = verification.problem {
            return "ALTERED: \(problem) (\(verification.verifiedEvents) events verified before it)"
        }
        return "intact: \(verification.verifiedEvents) events, head hash \(verification.headHash)"
    }

    /// Builds the report of `incident` from `store`.
    public static func load(_ incident: IncidentID, from store: any IncidentEventStore, generatedBy: String, now: Date = Date()) throws -> IncidentReport {
        let events = try store.events(of: incident, since: 0)
        let state = try store.state(of: incident)
        let metrics = RunLiveness.metrics(of: state, events: events.map(\.event), now: now)
        let verification = try store.verify(incident).first
        return IncidentReport(state: state, events: events, metrics: metrics, verification: verification,
                              generatedAt: now, generatedBy: generatedBy)
    }
}
