import IncidentModel
import IncidentStore

/// Where a replay reads the events around the point it stands: the store
/// (a stretch at a time, by `seq`) or, for a store that cannot read ranges,
/// the events held in memory.
public protocol ReplayEventSource: Sendable {
    /// The events whose `seq` is in `seqs`, oldest first.
    func events(seqs: ClosedRange<Int64>) throws -> [Event]
    /// Whether reading is a look into memory, which the UI loop may do itself; anything else
    /// (the store) is read by the store worker (`ReplayRead`). Unless a source says so, it is I/O.
    var isInMemory: Bool { get }
}

extension ReplayEventSource {
    public var isInMemory: Bool { false }
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
    var isInMemory: Bool { true }

    func events(seqs: ClosedRange<Int64>) throws -> [Event] {
        let lower = max(0, Int(seqs.lowerBound) - 1), upper = min(all.count, Int(seqs.upperBound))
        return lower < upper ? Array(all[lower..<upper]) : []
    }
}
