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
public struct ReplayState: Sendable {
    public let log: ReplayLog
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

    /// Stands at the opening event.
    public init(log: ReplayLog) throws {
        self.log = log
        position = 1
        state = log.checkpoints[0]
        recentEvents = try log.source.events(seqs: 1...1)
        clock = log.recordedAt(1)
    }

    /// A record held in memory (tests).
    init(events: [Event]) throws {
        try self.init(log: ReplayLog(events: events))
    }

    /// How many events the record holds.
    public var count: Int { log.count }
    var speed: Double { Self.speeds[speedIndex] }
    var atEnd: Bool { position >= log.count }
    var currentEvent: Event { recentEvents[recentEvents.count - 1] }
    var phaseStarts: [ReplayPhaseStart] { log.phaseStarts }

    /// Moves to `target` events applied (clamped), folding from the nearest
    /// known state at or before it: the current one, or a checkpoint.
    /// Throws only when the store cannot be read; the replay is then unchanged.
    public mutating func seek(to target: Int) throws {
        let target = min(max(1, target), log.count)
        defer { clock = log.recordedAt(position) }
        guard target != position else { return }
        let checkpoint = log.checkpointIndex(atOrBefore: target)
        let checkpointPosition = ReplayLog.checkpointPosition(checkpoint)
        if target > position && position >= checkpointPosition {
            // Onward from here: read just the events in between.
            let fresh = try read(position + 1, through: target)
            for event in fresh { state.apply(event) }
            recentEvents = Array((recentEvents + fresh).suffix(Self.logWindow))
        } else {
            // From the checkpoint; one read covers both the events to fold and the log pane's window.
            let windowStart = max(1, target - Self.logWindow + 1)
            let first = min(checkpointPosition + 1, windowStart)
            // Stepping back stays inside the events already held: nothing to read.
            let stretch = try held(first, through: target) ?? read(first, through: target)
            var folded = log.checkpoints[checkpoint]
            for event in stretch where event.seq > Int64(checkpointPosition) { folded.apply(event) }
            state = folded
            recentEvents = Array(stretch.drop { $0.seq < Int64(windowStart) })
        }
        position = target
    }

    /// Events `first` through `last` when `recentEvents` holds all of them.
    private func held(_ first: Int, through last: Int) -> [Event]? {
        guard let oldest = recentEvents.first?.seq, Int64(first) >= oldest, Int64(last) <= recentEvents[recentEvents.count - 1].seq else { return nil }
        let offset = first - Int(oldest)
        return Array(recentEvents[offset...(offset + last - first)])
    }

    /// Events `first` through `last`, checked to be exactly that stretch of the record.
    private func read(_ first: Int, through last: Int) throws -> [Event] {
        let events = try log.source.events(seqs: Int64(first)...Int64(last))
        guard events.count == last - first + 1, events.first?.seq == Int64(first) else {
            throw IncidentError.invalidInput("\(log.incident)'s events #\(first)–#\(last) could not all be read back")
        }
        return events
    }

    /// The last position whose event was recorded at or before `date`.
    func position(at date: Date) -> Int { log.position(at: date) }

    /// Advances the clock by `elapsed` real seconds at the current speed and
    /// applies every event recorded by then. Quiet stretches longer than two
    /// seconds of replay are skipped when `skipIdle` is on.
    mutating func advance(by elapsed: TimeInterval) throws {
        guard playing, !atEnd else { playing = false; return }
        var newClock = clock.addingTimeInterval(elapsed * speed)
        let next = log.recordedAt(position + 1)
        if skipIdle, next > newClock, next.timeIntervalSince(clock) / speed > 2 {
            newClock = next
        }
        let target = position(at: newClock)
        if target > position { try seek(to: target) }
        clock = newClock
        if atEnd { playing = false }
    }
}
