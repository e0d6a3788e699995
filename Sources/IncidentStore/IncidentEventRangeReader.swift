import IncidentModel

/// Reading an incident's events a stretch at a time, without holding the
/// whole record in memory: replay walks the record once to index it, then
/// reads back only the stretch around the point a reviewer seeks to.
public protocol IncidentEventRangeReader: Sendable {
    /// The incident's events whose `seq` is in `seqs`, oldest first.
    func events(of incident: IncidentID, seqs: ClosedRange<Int64>) throws -> [Event]

    /// Calls `body` with every event of the incident, oldest first, reading
    /// them as it goes (one statement, one read transaction: a consistent view).
    func forEachEvent(of incident: IncidentID, _ body: (Event) throws -> Void) throws
}
