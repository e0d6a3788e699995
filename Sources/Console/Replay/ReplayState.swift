import Foundation
import IncidentModel

/// A recorded incident being replayed: every event, where the replay stands,
/// and the replay clock.
///
/// The state at any position is the same reducer folding the same events, so
/// what the panes show is exactly what they showed then. Seeking starts from
/// the nearest checkpoint (a folded state kept every `checkpointInterval`
/// events), so a jump anywhere applies at most that many events.
struct ReplayState: Sendable {
    let events: [Event]
    private let checkpoints: [IncidentState]
    static let checkpointInterval = 1_000
    /// Replay speeds, slowest first; `+` and `-` move through them.
    static let speeds: [Double] = [1, 2, 5, 10, 30, 60, 300, 3_600]

    /// How many events have been applied (1 … events.count).
    private(set) var position: Int
    /// The state after `position` events.
    private(set) var state: IncidentState
    var playing = false
    var speedIndex = 0
    /// Jump over quiet stretches instead of waiting through them.
    var skipIdle = true
    /// The replay's own clock: the recorded time being shown.
    private(set) var clock: Date

    init(events: [Event]) throws {
        guard let first = events.first else { throw IncidentError.invalidInput("the incident has no events to replay") }
        self.events = events
        var state = try IncidentState(opening: first)
        var checkpoints = [state]
        for (index, event) in events.enumerated().dropFirst() {
            state.apply(event)
            if (index + 1) % Self.checkpointInterval == 0 { checkpoints.append(state) }
        }
        self.checkpoints = checkpoints
        self.position = 1
        self.state = checkpoints[0]
        self.clock = first.recordedAt
    }

    var speed: Double { Self.speeds[speedIndex] }
    var atEnd: Bool { position >= events.count }
    var currentEvent: Event { events[position - 1] }

    /// Moves to `target` events applied (clamped), from the nearest checkpoint at or before it.
    mutating func seek(to target: Int) {
        let target = min(max(1, target), events.count)
        if target < position || target - position > Self.checkpointInterval {
            let index = max(0, min((target - 1) / Self.checkpointInterval, checkpoints.count - 1))
            state = checkpoints[index]
            position = index == 0 ? 1 : index * Self.checkpointInterval
        }
        while position < target {
            state.apply(events[position])
            position += 1
        }
        clock = events[position - 1].recordedAt
    }

    /// The last position whose event was recorded at or before `date`.
    func position(at date: Date) -> Int {
        var low = 0, high = events.count
        while low < high {
            let middle = (low + high) / 2
            if events[middle].recordedAt <= date { low = middle + 1 } else { high = middle }
        }
        return max(1, low)
    }

    /// Positions where a phase was entered (the opening counts as the first).
    var phaseStarts: [(phase: Phase, position: Int)] {
        var starts: [(Phase, Int)] = []
        for (index, event) in events.enumerated() {
            switch event.payload {
            case .incidentOpened(let body): starts.append((body.phase, index + 1))
            case .phaseEntered(let body): starts.append((body.phase, index + 1))
            default: break
            }
        }
        return starts
    }

    /// Advances the clock by `elapsed` real seconds at the current speed and
    /// applies every event recorded by then. Quiet stretches longer than two
    /// seconds of replay are skipped when `skipIdle` is on.
    mutating func advance(by elapsed: TimeInterval) {
        guard playing, !atEnd else { playing = false; return }
        var newClock = clock.addingTimeInterval(elapsed * speed)
        let next = events[position].recordedAt
        if skipIdle, next > newClock, next.timeIntervalSince(clock) / speed > 2 {
            newClock = next
        }
        clock = newClock
        let target = position(at: clock)
        if target > position { seek(to: target) }
        clock = newClock
        if atEnd { playing = false }
    }
}
