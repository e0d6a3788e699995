import Foundation
import IncidentModel

/// Indexes a replay's record after its first frame: reads the events a
/// stretch at a time (`stretch` of them, by seq) from where the log's index
/// ends, folds them through the reducer, and keeps a checkpoint every
/// `ReplayLog.checkpointInterval` events and each event's recorded time.
/// `log` is a snapshot of the index so far, for a replay to take
/// (`ReplayState.extend`). Run off the UI thread (the store worker's indexing
/// queue); each stretch is its own read, so the reads of a reviewer's seeks
/// go in between.
public struct ReplayIndexer: Sendable {
    /// Events read and folded per step: one read of a few milliseconds.
    public static let stretch = 2_000

    private let base: ReplayLog
    private let reading: any ReplayEventSource
    /// The fold at `recordedAt.count` events.
    private var state: IncidentState
    private var recordedAt: [Date]
    private var checkpoints: [IncidentState]

    /// Goes on from `log`'s last checkpoint, reading from `log`'s source (or `reading`).
    public init(_ log: ReplayLog) {
        self.init(log, reading: log.source)
    }

    init(_ log: ReplayLog, reading: any ReplayEventSource) {
        base = log
        self.reading = reading
        let last = log.checkpoints.count - 1
        state = log.checkpoints[last]
        checkpoints = log.checkpoints
        recordedAt = Array(log.recordedAt.prefix(ReplayLog.checkpointPosition(last)))
    }

    /// How many events are indexed so far.
    public var indexed: Int { recordedAt.count }

    /// The index so far, as a log of the same record.
    public var log: ReplayLog {
        ReplayLog(incident: base.incident, count: base.count, phaseStarts: base.phaseStarts, source: base.source,
                  opening: base.opening, recordedAt: recordedAt, checkpoints: checkpoints)
    }

    /// Reads and folds the next stretch; returns whether any of the record is left to index.
    public mutating func indexNextStretch() throws -> Bool {
        guard indexed < base.count else { return false }
        let first = indexed + 1, last = min(base.count, indexed + Self.stretch)
        for event in try reading.events(seqs: Int64(first)...Int64(last)) {
            let position = recordedAt.count + 1
            // Positions are seqs: a gap would make every later seek read the wrong stretch.
            guard event.seq == Int64(position), position <= last else {
                throw IncidentError.invalidInput("\(base.incident)'s record jumps from event #\(position - 1) to #\(event.seq); run `firebreak verify`")
            }
            state.apply(event)
            recordedAt.append(event.recordedAt)
            if position % ReplayLog.checkpointInterval == 0 { checkpoints.append(state) }
        }
        guard indexed == last else {
            throw IncidentError.invalidInput("\(base.incident)'s record ends at event #\(indexed), not #\(base.count); run `firebreak verify`")
        }
        return indexed < base.count
    }
}
