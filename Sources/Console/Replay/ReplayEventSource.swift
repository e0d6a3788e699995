import IncidentModel
import IncidentStore

/// Where a replay reads the events around the point it stands: the store
/// (a stretch at a time, by `seq`) or, for a store that cannot read ranges,
/// the events held in memory.
public protocol ReplayEventSource: Sendable {
    /// The events whose `seq` is in `seqs`, oldest first.
    func events(seqs: ClosedRange<Int64>) throws -> [Event]
}

/// Reads from the store through the `(incident, seq)` index.
struct StoredReplayEvents: ReplayEventSource {
    let reader: any IncidentEventRangeReader
    let incident: IncidentID

    func events(seqs: ClosedRange<Int64>) throws -> [Event] {
        try reader.events(of: incident, seqs: seqs)
    }
}

/// Every event in memory; `ReplayLog` has checked that event N has seq N.
struct InMemoryReplayEvents: ReplayEventSource {
    let all: [Event]

    func events(seqs: ClosedRange<Int64>) throws -> [Event] {
        let lower = max(0, Int(seqs.lowerBound) - 1), upper = min(all.count, Int(seqs.upperBound))
        return lower < upper ? Array(all[lower..<upper]) : []
    }
}
