import Foundation

/// One stay in a phase: when it was entered and, once left, when it ended.
///
/// An incident that loops back (Troubleshooting → Containment) has several
/// visits to the same phase; metrics add them up.
public struct PhaseVisit: Codable, Sendable, Equatable {
    public var phase: Phase
    public var enteredAt: Date
    public var enteredBy: String
    public var leftAt: Date?

    public init(phase: Phase, enteredAt: Date, enteredBy: String, leftAt: Date? = nil) {
        self.phase = phase
        self.enteredAt = enteredAt
        self.enteredBy = enteredBy
        self.leftAt = leftAt
    }

    /// Time spent in this visit, up to `now` while it lasts.
    public func duration(until now: Date) -> TimeInterval {
        max(0, (leftAt ?? now).timeIntervalSince(enteredAt))
    }
}
