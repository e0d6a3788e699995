import Foundation

/// One fact in an incident's history: what happened, when, and who said so.
///
/// Every event carries two clocks: `at`, when it happened (a responder can
/// back-date it with `--at`), and `recordedAt`, when Firebreak wrote it down.
/// Metrics use `at`; the order of the record is `seq`.
public struct Event: Sendable, Equatable {
    public var incident: IncidentID
    /// 1 for the opening event, then one more for each event of the incident.
    public var seq: Int64
    public var at: Date
    public var recordedAt: Date
    /// The operator (`--as`).
    public var actor: String
    public var payload: EventPayload

    public init(incident: IncidentID, seq: Int64, at: Date, recordedAt: Date, actor: String, payload: EventPayload) {
        self.incident = incident
        self.seq = seq
        self.at = Timestamp.normalized(at)
        self.recordedAt = Timestamp.normalized(recordedAt)
        self.actor = actor
        self.payload = payload
    }
}
