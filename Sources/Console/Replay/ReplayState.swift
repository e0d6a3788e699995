import Foundation
import IncidentModel

/// A recorded incident being replayed: where the replay stands, the state
/// there, the events just before it (the log pane's lines), and the replay clock.
///
/// The state at any position is the same reducer folding the same events, so
/// what the panes show is exactly what they showed then. A seek starts from
/// the checkpoint at or before its target (`ReplayLog`), or from where the
/// replay stands when that is nearer, and reads only that stretch of the
/// record from the store: at most `ReplayLog.checkpointInterval` events
/// wherever it lands.
///
/// While the record is still being indexed (`log.isIndexed` false) a seek
/// within that many events of a known state (a checkpoint indexed so far, or
/// where the replay stands) goes ahead as usual; one farther waits
/// (`awaitingIndex`) and lands when a later snapshot of the index reaches it
/// (`extend`). Playing stops its clock at the last indexed event until more is indexed.
public struct ReplayState: Sendable {
    /// The index: the latest snapshot taken (`extend`).
    public private(set) var log: ReplayLog
    /// The log pane shows at most this many events before the position.
    public static let logWindow = 1_000
    /// Replay speeds, slowest first; `+` and `-` move through them.
    static let speeds: [Double] = [1, 2, 5, 10, 30, 60, 300, 3_600]

    /// How many events have been applied (1 … count).
    public private(set) var position: Int
    /// The state after `position` events.
    public private(set) var state: IncidentState
    /// The events up to and including `position`, at most `logWindow` of them, oldest first.
    public private(set) var recentEvents: [Event]
    var playing = false
    var speedIndex = 0
    /// Jump over quiet stretches instead of waiting through them.
    var skipIdle = true
    /// The replay's own clock: the recorded time being shown.
    private(set) var clock: Date

    /// The read asked of the store worker and not answered yet; only its answer lands.
    public private(set) var pendingRead: ReplayRead?
    /// Reads asked for so far (numbers each one).
    private var readsAsked = 0
    /// The seek waiting for more of the record to be indexed; only the latest seek waits or lands.
    public private(set) var awaitingIndex: ReplaySeekWait?

    /// Stands at the opening event (which the log holds: nothing is read).
    public init(log: ReplayLog) {
        self.log = log
        position = 1
        state = log.checkpoints[0]
        recentEvents = [log.opening]
        clock = log.opening.recordedAt
    }

    /// A record held in memory (tests).
    init(events: [Event]) throws {
        self.init(log: try ReplayLog(events: events))
    }

    /// How many events the record holds.
    public var count: Int { log.count }
    var speed: Double { Self.speeds[speedIndex] }
    var atEnd: Bool { position >= log.count }
    var currentEvent: Event { recentEvents[recentEvents.count - 1] }
    var phaseStarts: [ReplayPhaseStart] { log.phaseStarts }

    /// Moves to `target` events applied (clamped), reading what it needs
    /// from the store here and now: for a caller that may wait on the store
    /// (`replay-measure`, the benchmark, tests). The console uses
    /// `beginSeek` and `land` instead. Throws only when the store cannot be
    /// read; the replay is then unchanged. A seek beyond the index's reach
    /// waits (`awaitingIndex`) for `extend`.
    public mutating func seek(to target: Int) throws {
        guard let read = beginSeek(to: target) else { return }
        do {
            try land(read, events: read.perform())
        } catch {
            _ = abandon(read)
            throw error
        }
    }

    /// Starts moving to `target` events applied (clamped), folding from the
    /// nearest known state at or before it: the current one, or a checkpoint;
    /// when both are too far before it (the record is not indexed that far
    /// yet) it waits for the index instead (`awaitingIndex`) and returns nil.
    /// When the events it needs are held, or the record is in memory, it
    /// lands at once and returns nil; else it returns the read the store
    /// worker must do (`pendingRead`, superseding any earlier one) and stays
    /// where it is until `land`. `clock`: the replay clock once landed
    /// (nil: when the target event was recorded).
    mutating func beginSeek(to target: Int, clock landing: Date? = nil) -> ReplayRead? {
        let target = min(max(1, target), log.count)
        pendingRead = nil
        awaitingIndex = nil
        guard target != position else {
            clock = landing ?? currentEvent.recordedAt
            return nil
        }
        guard inReach(target) else {
            awaitingIndex = .position(target)
            return nil
        }
        let checkpoint = log.checkpointIndex(atOrBefore: target)
        let checkpointPosition = ReplayLog.checkpointPosition(checkpoint)
        readsAsked += 1
        let read: ReplayRead
        if target > position && position >= checkpointPosition {
            // Onward from here: read just the events in between.
            read = ReplayRead(log: log, target: target, first: position + 1, last: target, fold: .onward(from: position),
                              clock: landing, number: readsAsked)
        } else {
            // From the checkpoint; one read covers both the events to fold and the log pane's window.
            let windowStart = max(1, target - Self.logWindow + 1)
            let first = min(checkpointPosition + 1, windowStart)
            read = ReplayRead(log: log, target: target, first: first, last: target, fold: .fromCheckpoint(checkpoint),
                              clock: landing, number: readsAsked)
            // Stepping back stays inside the events already held: nothing to read.
            if let stretch = held(first, through: target) {
                apply(read, events: stretch)
                return nil
            }
        }
        if log.source.isInMemory, let events = try? read.perform() {
            apply(read, events: events)
            return nil
        }
        pendingRead = read
        return read
    }

    /// Starts moving to the last event recorded at or before `date`; waits for
    /// the index (`awaitingIndex`) while the times indexed so far cannot place it.
    mutating func beginSeek(toTime date: Date) -> ReplayRead? {
        guard let target = log.knownPosition(at: date) else {
            pendingRead = nil
            awaitingIndex = .time(date)
            return nil
        }
        return beginSeek(to: target)
    }

    /// Whether the state after `target` events can be folded now, applying at
    /// most `ReplayLog.checkpointInterval` events to a known state: always
    /// within what is indexed; beyond it, from the last checkpoint or onward from here.
    func inReach(_ target: Int) -> Bool {
        guard target > log.indexed else { return true }
        let checkpointPosition = ReplayLog.checkpointPosition(log.checkpointIndex(atOrBefore: target))
        let base = target > position && position >= checkpointPosition ? position : checkpointPosition
        return target - base <= ReplayLog.checkpointInterval
    }

    /// Takes a later snapshot of the same record's index (`ReplayIndexer.log`);
    /// a seek waiting for it goes ahead once it is in reach, and the read it
    /// needs (if any) is returned, as `beginSeek` does. An older or other log changes nothing.
    mutating func extend(with later: ReplayLog) -> ReplayRead? {
        guard later.incident == log.incident, later.count == log.count, later.indexed > log.indexed else { return nil }
        log = later
        guard let waiting = awaitingIndex else { return nil }
        switch waiting {
        case .position(let target):
            return inReach(target) ? beginSeek(to: target) : nil
        case .time(let date):
            return log.knownPosition(at: date) == nil ? nil : beginSeek(toTime: date)
        }
    }

    /// Drops the seek waiting for the index (the indexing stopped); true if there was one.
    mutating func abandonWait() -> Bool {
        defer { awaitingIndex = nil }
        return awaitingIndex != nil
    }

    /// Applies the events the store worker read for `read`, when it is the
    /// latest read asked for; returns false (and changes nothing) for one an
    /// other seek has superseded.
    @discardableResult
    mutating func land(_ read: ReplayRead, events: [Event]) throws -> Bool {
        guard read == pendingRead else { return false }
        guard events.count == read.last - read.first + 1, events.first?.seq == Int64(read.first) else {
            throw IncidentError.invalidInput("\(log.incident)'s events #\(read.first)–#\(read.last) could not all be read back")
        }
        pendingRead = nil
        apply(read, events: events)
        return true
    }

    /// The store worker could not read for `read`: nothing moves. False for a superseded read.
    mutating func abandon(_ read: ReplayRead) -> Bool {
        guard read == pendingRead else { return false }
        pendingRead = nil
        return true
    }

    private mutating func apply(_ read: ReplayRead, events: [Event]) {
        switch read.fold {
        case .onward:
            for event in events { state.apply(event) }
            recentEvents = Array((recentEvents + events).suffix(Self.logWindow))
        case .fromCheckpoint(let checkpoint):
            let checkpointPosition = ReplayLog.checkpointPosition(checkpoint)
            var folded = log.checkpoints[checkpoint]
            for event in events where event.seq > Int64(checkpointPosition) { folded.apply(event) }
            state = folded
            let windowStart = max(1, read.target - Self.logWindow + 1)
            recentEvents = Array(events.drop { $0.seq < Int64(windowStart) })
        }
        position = read.target
        // The last event read is the target's (whose time the index may not hold yet).
        clock = read.clock ?? events[events.count - 1].recordedAt
        // A replay playing stops at the end of the record.
        if read.clock != nil, atEnd { playing = false }
    }

    /// Events `first` through `last` when `recentEvents` holds all of them.
    private func held(_ first: Int, through last: Int) -> [Event]? {
        guard let oldest = recentEvents.first?.seq, Int64(first) >= oldest, Int64(last) <= recentEvents[recentEvents.count - 1].seq else { return nil }
        let offset = first - Int(oldest)
        return Array(recentEvents[offset...(offset + last - first)])
    }

    /// The last position whose event was recorded at or before `date`.
    func position(at date: Date) -> Int { log.position(at: date) }

    /// Advances the clock by `elapsed` real seconds at the current speed and
    /// applies every event recorded by then. Quiet stretches longer than two
    /// seconds of replay are skipped when `skipIdle` is on. While a read is
    /// pending, or a seek waits for the index, the clock waits for it; and it
    /// goes no further than the last event indexed so far (the times after it
    /// are not known yet). Returns the read to ask for, if any.
    mutating func advance(by elapsed: TimeInterval) -> ReplayRead? {
        guard playing, !atEnd else { playing = false; return nil }
        guard pendingRead == nil, awaitingIndex == nil, position < log.indexed else { return nil }
        var newClock = clock.addingTimeInterval(elapsed * speed)
        let next = log.recordedAt(position + 1)
        if skipIdle, next > newClock, next.timeIntervalSince(clock) / speed > 2 {
            newClock = next
        }
        if !log.isIndexed { newClock = min(newClock, log.recordedAt(log.indexed)) }
        let target = position(at: newClock)
        guard target > position else {
            clock = newClock
            return nil
        }
        return beginSeek(to: target, clock: newClock)
    }
}
