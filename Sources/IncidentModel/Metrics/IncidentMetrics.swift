import Foundation

/// The post-incident numbers, computed from an incident's events alone.
///
/// Every time is an event time (`at`, which `--at` can back-date), never the
/// recording time, so a back-filled record measures what happened rather than
/// when someone typed it.
///
/// Definitions:
/// - **Detection** is the first entry into Detection or any later phase
///   (an incident opened straight into Containment was detected when it was opened).
/// - **First malicious activity** is the earliest of pinned evidence's logged
///   times, resources' moves into `compromised`, and notes dated before
///   detection (`MaliciousActivity.earliest`).
/// - **Time to detect**: first malicious activity → detection.
/// - **Time to contain**: detection → the moment the last resource ever marked
///   compromised reached `contained` (or a later state) after its last
///   compromise. A resource compromised again after containment counts from
///   its new compromise, so loops are measured to the final containment.
/// - **Time to eradicate**: detection → the last of those resources reaching
///   `eradicated`, `recovered` or `cleared` (restoring or clearing a resource
///   implies it is clean).
/// - **Time to recover**: detection → the last of them reaching `recovered` or `cleared`.
/// - **Phase times** sum every visit; a visit still open counts up to the
///   incident's close, or to `now` while it is open.
///
/// Where the record cannot support a number (no detection yet, no resource
/// marked compromised, one still not contained, evidence dated after
/// detection) the metric is `.unavailable` with the reason.
///
/// ```swift
/// let metrics = try IncidentMetrics(events: events, now: Date())
/// metrics.timeToContain.seconds // 1260, or nil with .reason
/// ```
public struct IncidentMetrics: Sendable, Equatable {
    /// The end of every open span: the incident's close, else `now`.
    public var asOf: Date
    public var detectedAt: Date?
    public var firstMaliciousActivity: MaliciousActivity?
    public var timeToDetect: MetricValue
    public var timeToContain: MetricValue
    public var timeToEradicate: MetricValue
    public var timeToRecover: MetricValue
    /// Opened → closed (or → `now` while open).
    public var totalDuration: MetricValue
    /// All seven phases in order, visited or not.
    public var phases: [PhaseTime]
    /// Re-entries into a phase already visited (Troubleshooting → Containment again is one).
    public var phaseLoops: Int
    /// Resources ever marked compromised.
    public var compromisedResources: Int
    public var actions: ActionTally
    /// Everyone who recorded an event, in the order they first did.
    public var operators: [OperatorActivity]

    /// Folds `events` (oldest first, the opening event first) and measures them.
    public init(events: [Event], now: Date) throws {
        self.init(state: try IncidentState.replaying(events), events: events, now: now)
    }

    /// Measures an already folded `state`; `events` are the same incident's
    /// events (they name every operator, which the folded state does not keep).
    public init(state: IncidentState, events: [Event], now: Date) {
        let incident = state.incident
        let end = incident.closedAt ?? now
        asOf = end
        totalDuration = .between(incident.openedAt, end)

        phases = Phase.allCases.map { phase in
            let visits = state.phaseVisits.filter { $0.phase == phase }
            let milliseconds = visits.reduce(Int64(0)) { total, visit in
                total + max(0, (visit.leftAt ?? end).millisecondsSince1970 - visit.enteredAt.millisecondsSince1970)
            }
            return PhaseTime(phase: phase, visits: visits.count, seconds: Double(milliseconds) / 1000,
                             firstEnteredAt: visits.first?.enteredAt)
        }
        phaseLoops = state.phaseVisits.count - Set(state.phaseVisits.map(\.phase)).count

        let detected = state.phaseVisits.first { $0.phase >= .detection }?.enteredAt
        detectedAt = detected
        let activity = MaliciousActivity.earliest(in: state, events: events, detectedAt: detected)
        firstMaliciousActivity = activity
        timeToDetect = Self.timeToDetect(activity: activity, detectedAt: detected)

        let compromised = state.resources.filter { $0.history.contains { $0.state == .compromised } }
        compromisedResources = compromised.count
        timeToContain = Self.timeUntil(compromised, reach: [.contained, .eradicated, .recovered, .cleared], verb: "contained", detectedAt: detected)
        timeToEradicate = Self.timeUntil(compromised, reach: [.eradicated, .recovered, .cleared], verb: "eradicated", detectedAt: detected)
        timeToRecover = Self.timeUntil(compromised, reach: [.recovered, .cleared], verb: "recovered", detectedAt: detected)

        actions = ActionTally(Array(state.actionRuns))
        operators = Self.operators(in: events)
    }

    static func timeToDetect(activity: MaliciousActivity?, detectedAt: Date?) -> MetricValue {
        guard let detectedAt else {
            return .unavailable(reason: "the incident has not entered Detection yet")
        }
        guard let activity else {
            return .unavailable(reason: "no evidence, compromised resource or back-dated note says when the attack began")
        }
        guard activity.at <= detectedAt else {
            return .unavailable(reason: "the earliest sign of the attack on record (\(activity.source), \(Timestamp.format(activity.at))) is after detection; pin the first malicious log line or back-date a note with --at")
        }
        return .between(activity.at, detectedAt)
    }

    /// Detection → the last compromised resource reaching one of `states` after its last compromise.
    static func timeUntil(_ compromised: [Resource], reach states: Set<ResourceState>, verb: String, detectedAt: Date?) -> MetricValue {
        guard let detectedAt else { return .unavailable(reason: "the incident has not entered Detection yet") }
        guard !compromised.isEmpty else { return .unavailable(reason: "no resource was ever marked compromised") }
        var latest: Date?
        var pending: [String] = []
        for resource in compromised {
            let lastCompromise = resource.history.lastIndex { $0.state == .compromised }!
            if let reached = resource.history[(lastCompromise + 1)...].first(where: { states.contains($0.state) })?.at {
                latest = max(latest ?? reached, reached)
            } else {
                pending.append(resource.id)
            }
        }
        if !pending.isEmpty {
            let names = pending.prefix(3).joined(separator: ", ") + (pending.count > 3 ? ", …" : "")
            return .unavailable(reason: "\(pending.count) of \(compromised.count) compromised resource\(compromised.count == 1 ? "" : "s") not \(verb) yet (\(names))")
        }
        let end = latest!
        guard end >= detectedAt else {
            return .unavailable(reason: "every compromised resource was \(verb) (\(Timestamp.format(end))) before the incident entered Detection (\(Timestamp.format(detectedAt)))")
        }
        return .between(detectedAt, end)
    }

    static func operators(in events: [Event]) -> [OperatorActivity] {
        var order: [String] = []
        var byName: [String: OperatorActivity] = [:]
        for event in events {
            if var known = byName[event.actor] {
                known.events += 1
                known.firstAt = min(known.firstAt, event.at)
                known.lastAt = max(known.lastAt, event.at)
                byName[event.actor] = known
            } else {
                order.append(event.actor)
                byName[event.actor] = OperatorActivity(name: event.actor, events: 1, firstAt: event.at, lastAt: event.at)
            }
        }
        return order.map { byName[$0]! }
    }
}
