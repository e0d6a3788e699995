import Foundation

/// The earliest sign of the attacker the record holds, and where it came from.
public struct MaliciousActivity: Sendable, Equatable {
    /// How far before its recording a note's time must be to count as back-dated:
    /// more than clock skew between operators' machines, less than any real back-dating.
    public static let backDatingThreshold: TimeInterval = 60

    public var at: Date
    /// What the time was taken from, e.g. `evidence #12 (logged time)`.
    public var source: String

    public init(at: Date, source: String) {
        self.at = at
        self.source = source
    }

    /// The earliest sign in `state` among:
    /// - pinned evidence, at the time the line says it was logged (`loggedAt`),
    ///   not when it was pinned: the line records the attacker's act;
    /// - imported GuardDuty / Security Hub findings, at their first-seen time;
    /// - every step of a resource's history into `compromised` (a resource added
    ///   as compromised included), at its event time, which `--at` may back-date;
    /// - notes back-dated (`firebreak note --at`, an event time more than a
    ///   minute before its recording time) to before `detectedAt`: a responder
    ///   back-dates a note only to record something that happened earlier, such
    ///   as "first CreateUser from 203.0.113.9". Notes written as things happen
    ///   say nothing about when the attack began, so they do not count.
    ///
    /// Nil when the record holds none of these.
    public static func earliest(in state: IncidentState, events: [Event], detectedAt: Date?) -> MaliciousActivity? {
        var candidates: [MaliciousActivity] = []
        for item in state.evidence {
            if let logged = try? Timestamp.parse(item.pin.loggedAt) {
                candidates.append(MaliciousActivity(at: logged, source: "evidence #\(item.seq) (logged time)"))
            }
        }
        for item in state.findings {
            if let firstSeen = try? Timestamp.parse(item.finding.firstSeen) {
                candidates.append(MaliciousActivity(at: firstSeen, source: "finding \(item.finding.source) \(item.finding.type) (first seen)"))
            }
        }
        for resource in state.resources {
            for change in resource.history where change.state == .compromised {
                candidates.append(MaliciousActivity(at: change.at, source: "\(resource.id) marked compromised"))
            }
        }
        if let detectedAt {
            for event in events where event.at < detectedAt && event.recordedAt.timeIntervalSince(event.at) > backDatingThreshold {
                if case .noteAdded = event.payload {
                    candidates.append(MaliciousActivity(at: event.at, source: "note #\(event.seq) (back-dated to before detection)"))
                }
            }
        }
        // Ties go to the first candidate found, so the answer does not depend on sorting stability.
        return candidates.reduce(nil) { best, next in
            guard let best else { return next }
            return next.at < best.at ? next : best
        }
    }
}
