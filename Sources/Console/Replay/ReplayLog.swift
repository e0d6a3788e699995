import Foundation
import IncidentModel
import IncidentStore

/// An incident's record indexed for replay: a checkpoint of the folded state
/// every `checkpointInterval` events, when each event was recorded, and where
/// each phase starts. The events themselves stay in the store; a replay reads
/// back only the stretch around the point it stands (`ReplayState`).
///
/// Built in two stages, so a replay's first frame does not wait for the
/// record. `open` reads what that frame shows: the opening event, how many
/// events there are (the last seq, through the index) and the phase entries
/// (the few events of their kinds; no other payload is decoded). The rest is
/// indexed afterwards, a stretch at a time (`ReplayIndexer`), each snapshot a
/// new `ReplayLog` of the same record covering `indexed` events from the
/// start; a replay takes each as it comes (`ReplayState.extend`).
///
/// Why this holds up at a million events:
/// - the checkpoints share their growing histories (action runs, evidence,
///   findings are `ChunkedList`s; notes are not in the state), so a thousand
///   checkpoints cost a little more than one state rather than a thousand copies of it;
/// - no `Event` is kept: only its recorded time (8 bytes) for seeking by time;
/// - a seek starts from the checkpoint at or before its target, so it reads
///   and applies at most `checkpointInterval` events wherever it lands.
///
/// ```swift
/// let first = try ReplayLog.open(incident, from: store)    // the first frame's, at once
/// var replay = ReplayState(log: first)                     // stands at the opening
/// var indexer = ReplayIndexer(first)                       // off the UI thread
/// while try indexer.indexNextStretch() { _ = replay.extend(with: indexer.log) }
/// try replay.seek(to: 654_321)                             // the state after event #654321
/// ```
public final class ReplayLog: Sendable {
    public let incident: IncidentID
    /// How many events the record holds (event N has seq N).
    public let count: Int
    /// Events between two checkpoints.
    public static let checkpointInterval = 1_000
    /// Phase entries, in order: all of them from the first stage on.
    public let phaseStarts: [ReplayPhaseStart]
    let source: any ReplayEventSource
    /// The opening event, where a replay starts (so starting reads nothing).
    let opening: Event
    /// When event N was recorded, at index N - 1, for the events indexed so far.
    let recordedAt: [Date]
    /// The state after `checkpointPosition(k)` events, at index k, for the events indexed so far.
    let checkpoints: [IncidentState]

    /// How many events from the start are indexed (1 … count).
    public var indexed: Int { recordedAt.count }
    /// Whether the whole record is indexed.
    public var isIndexed: Bool { indexed == count }
    /// How much of the record is indexed, in whole percent (100 only once all of it is).
    public var indexedPercent: Int { isIndexed ? 100 : min(99, indexed * 100 / count) }

    /// The first stage: the opening, the count and the phase entries, read
    /// through the store's indexes when it can read ranges (the SQLite and
    /// PostgreSQL stores can), so it costs the same at a million events as at
    /// ten; index the rest with `ReplayIndexer`. A store that cannot read
    /// ranges gives every event, held in memory and indexed here at once.
    public static func open(_ incident: IncidentID, from store: any IncidentEventStore) throws -> ReplayLog {
        guard let reader = store as? any IncidentEventRangeReader else {
            return try ReplayLog(events: store.events(of: incident, since: 0).map(\.event))
        }
        let count = Int(try reader.lastSeq(of: incident))
        guard count > 0, let opening = try reader.events(of: incident, seqs: 1...1).first, opening.seq == 1 else {
            throw IncidentError.invalidInput("\(incident) has no events to replay")
        }
        let entries = try reader.events(of: incident, kinds: [IncidentOpened.kind, PhaseEntered.kind])
        return try ReplayLog(opening: opening, count: count, phaseStarts: entries.compactMap(ReplayPhaseStart.init(entering:)),
                             source: StoredReplayEvents(reader: reader, incident: incident))
    }

    /// Both stages at once: the whole record indexed before it returns
    /// (`replay-measure`, the benchmark's probe, tests).
    public static func load(_ incident: IncidentID, from store: any IncidentEventStore) throws -> ReplayLog {
        var indexer = ReplayIndexer(try open(incident, from: store))
        while try indexer.indexNextStretch() {}
        return indexer.log
    }

    /// A record held in memory (tests, and stores that cannot read ranges), indexed at once.
    public convenience init(events: [Event]) throws {
        try self.init(events: events, source: InMemoryReplayEvents(all: events))
    }

    /// Indexed from `events`, read back from `source` (tests: a source that fails).
    convenience init(events: [Event], source: any ReplayEventSource) throws {
        guard let first = events.first else { throw IncidentError.invalidInput("the incident has no events to replay") }
        let opened = try ReplayLog(opening: first, count: events.count, phaseStarts: events.compactMap(ReplayPhaseStart.init(entering:)),
                                   source: source)
        var indexer = ReplayIndexer(opened, reading: InMemoryReplayEvents(all: events))
        while try indexer.indexNextStretch() {}
        let whole = indexer.log
        self.init(incident: whole.incident, count: whole.count, phaseStarts: whole.phaseStarts, source: source,
                  opening: whole.opening, recordedAt: whole.recordedAt, checkpoints: whole.checkpoints)
    }

    /// The first stage's log: indexed up to the opening.
    private convenience init(opening: Event, count: Int, phaseStarts: [ReplayPhaseStart], source: any ReplayEventSource) throws {
        guard opening.seq == 1 else {
            throw IncidentError.invalidInput("\(opening.incident)'s record starts at event #\(opening.seq), not #1; run `firebreak verify`")
        }
        self.init(incident: opening.incident, count: count, phaseStarts: phaseStarts, source: source,
                  opening: opening, recordedAt: [opening.recordedAt], checkpoints: [try IncidentState(opening: opening)])
    }

    /// A snapshot of the index (`ReplayIndexer.log`).
    init(incident: IncidentID, count: Int, phaseStarts: [ReplayPhaseStart], source: any ReplayEventSource,
         opening: Event, recordedAt: [Date], checkpoints: [IncidentState]) {
        self.incident = incident
        self.count = count
        self.phaseStarts = phaseStarts
        self.source = source
        self.opening = opening
        self.recordedAt = recordedAt
        self.checkpoints = checkpoints
    }

    /// The position checkpoint `k` holds: the opening, then every `checkpointInterval` events.
    static func checkpointPosition(_ k: Int) -> Int { k == 0 ? 1 : k * checkpointInterval }

    /// The index of the last checkpoint at or before `position` (of those indexed so far).
    func checkpointIndex(atOrBefore position: Int) -> Int {
        min(position / Self.checkpointInterval, checkpoints.count - 1)
    }

    /// When event `position` (indexed) was recorded.
    public func recordedAt(_ position: Int) -> Date { recordedAt[position - 1] }

    /// The last indexed position whose event was recorded at or before `date` (at least 1).
    public func position(at date: Date) -> Int {
        var low = 0, high = recordedAt.count
        while low < high {
            let middle = (low + high) / 2
            if recordedAt[middle] <= date { low = middle + 1 } else { high = middle }
        }
        return max(1, low)
    }

    /// The last position whose event was recorded at or before `date`, or nil
    /// while that may lie beyond what is indexed (an event not indexed yet may
    /// have been recorded by then).
    func knownPosition(at date: Date) -> Int? {
        guard isIndexed || date < recordedAt[indexed - 1] else { return nil }
        return position(at: date)
    }
}
