import Foundation
import IncidentModel
import IncidentStore

/// An incident's record indexed for replay, built once by walking every
/// event through the reducer: a checkpoint of the folded state every
/// `checkpointInterval` events, when each event was recorded, and where each
/// phase starts. The events themselves stay in the store; a replay reads
/// back only the stretch around the point it stands (`ReplayState`).
///
/// Why this holds up at a million events:
/// - the checkpoints share their growing histories (notes, evidence, action
///   runs are `ChunkedList`s), so a thousand checkpoints cost a little more
///   than one state rather than a thousand copies of it;
/// - no `Event` is kept: only its recorded time (8 bytes) for seeking by time;
/// - a seek starts from the checkpoint at or before its target, so it reads
///   and applies at most `checkpointInterval` events wherever it lands.
///
/// ```swift
/// let log = try ReplayLog.load(incident, from: store)   // once, off the UI thread
/// var replay = ReplayState(log: log)
/// try replay.seek(to: 654_321)                         // the state after event #654321
/// ```
public final class ReplayLog: Sendable {
    public let incident: IncidentID
    /// How many events the record holds (event N has seq N).
    public let count: Int
    /// Events between two checkpoints.
    public static let checkpointInterval = 1_000
    /// Phase entries, in order.
    public let phaseStarts: [ReplayPhaseStart]
    let source: any ReplayEventSource
    /// The opening event, where a replay starts (so starting reads nothing).
    let opening: Event
    /// When event N was recorded, at index N - 1.
    let recordedAt: [Date]
    /// The state after `checkpointPosition(k)` events, at index k.
    let checkpoints: [IncidentState]

    /// Indexes the incident's record in `store`, reading it as a stream when the
    /// store can read ranges (the SQLite store can); otherwise the events are kept in memory.
    public static func load(_ incident: IncidentID, from store: any IncidentEventStore) throws -> ReplayLog {
        if let reader = store as? any IncidentEventRangeReader {
            var builder = Builder()
            try reader.forEachEvent(of: incident) { try builder.add($0) }
            return try builder.finish(incident: incident, source: StoredReplayEvents(reader: reader, incident: incident))
        }
        return try ReplayLog(events: store.events(of: incident, since: 0).map(\.event))
    }

    /// A record held in memory (tests, and stores that cannot read ranges).
    public convenience init(events: [Event]) throws {
        try self.init(events: events, source: InMemoryReplayEvents(all: events))
    }

    /// Indexed from `events`, read back from `source` (tests: a source that fails).
    convenience init(events: [Event], source: any ReplayEventSource) throws {
        var builder = Builder()
        for event in events { try builder.add(event) }
        guard let first = events.first else { throw IncidentError.invalidInput("the incident has no events to replay") }
        try self.init(builder: builder, incident: first.incident, source: source)
    }

    private init(builder: Builder, incident: IncidentID, source: any ReplayEventSource) throws {
        guard !builder.checkpoints.isEmpty, let opening = builder.opening else { throw IncidentError.invalidInput("\(incident) has no events to replay") }
        self.opening = opening
        self.incident = incident
        self.count = builder.recordedAt.count
        self.phaseStarts = builder.phaseStarts
        self.source = source
        self.recordedAt = builder.recordedAt
        self.checkpoints = builder.checkpoints
    }

    /// The position checkpoint `k` holds: the opening, then every `checkpointInterval` events.
    static func checkpointPosition(_ k: Int) -> Int { k == 0 ? 1 : k * checkpointInterval }

    /// The index of the last checkpoint at or before `position`.
    func checkpointIndex(atOrBefore position: Int) -> Int {
        min(position / Self.checkpointInterval, checkpoints.count - 1)
    }

    /// When event `position` was recorded.
    public func recordedAt(_ position: Int) -> Date { recordedAt[position - 1] }

    /// The last position whose event was recorded at or before `date` (at least 1).
    public func position(at date: Date) -> Int {
        var low = 0, high = recordedAt.count
        while low < high {
            let middle = (low + high) / 2
            if recordedAt[middle] <= date { low = middle + 1 } else { high = middle }
        }
        return max(1, low)
    }

    /// One pass over the record, oldest first.
    private struct Builder {
        var state: IncidentState?
        var opening: Event?
        var checkpoints: [IncidentState] = []
        var recordedAt: [Date] = []
        var phaseStarts: [ReplayPhaseStart] = []

        mutating func add(_ event: Event) throws {
            let position = recordedAt.count + 1
            // Positions are seqs: a gap would make every later seek read the wrong stretch.
            guard event.seq == Int64(position) else {
                throw IncidentError.invalidInput("\(event.incident)'s record jumps from event #\(position - 1) to #\(event.seq); run `firebreak verify`")
            }
            if state == nil {
                state = try IncidentState(opening: event)
                opening = event
                checkpoints.append(state!)
            } else {
                state!.apply(event)
                if position % ReplayLog.checkpointInterval == 0 { checkpoints.append(state!) }
            }
            recordedAt.append(event.recordedAt)
            switch event.payload {
            case .incidentOpened(let body): phaseStarts.append(ReplayPhaseStart(phase: body.phase, position: position))
            case .phaseEntered(let body): phaseStarts.append(ReplayPhaseStart(phase: body.phase, position: position))
            default: break
            }
        }

        func finish(incident: IncidentID, source: any ReplayEventSource) throws -> ReplayLog {
            try ReplayLog(builder: self, incident: incident, source: source)
        }
    }
}
