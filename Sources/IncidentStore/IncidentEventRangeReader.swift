import IncidentModel

/// Reading an incident's events a stretch at a time, without holding the
/// whole record in memory: replay draws its first frame from the opening,
/// the count and the phase entries (`lastSeq`, `events(of:kinds:)`), indexes
/// the rest a stretch at a time in the background, then reads back only the
/// stretch around the point a reviewer seeks to.
public protocol IncidentEventRangeReader: Sendable {
    /// The incident's events whose `seq` is in `seqs`, oldest first.
    func events(of incident: IncidentID, seqs: ClosedRange<Int64>) throws -> [Event]

    /// Calls `body` with every event of the incident, oldest first, reading
    /// them as it goes (one statement, one read transaction: a consistent view).
    func forEachEvent(of incident: IncidentID, _ body: (Event) throws -> Void) throws

    /// The seq of the incident's last event (0 when it has none), through the
    /// `(incident, seq)` index: as cheap at a million events as at ten.
    func lastSeq(of incident: IncidentID) throws -> Int64

    /// The incident's events of these kinds (`EventPayload.kind`), oldest first,
    /// without decoding the others: few of a long record (its phase entries).
    func events(of incident: IncidentID, kinds: [String]) throws -> [Event]
}
