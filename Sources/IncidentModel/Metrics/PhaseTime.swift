import Foundation

/// Time spent in one phase, summed over every visit (an incident that loops
/// back into Containment twice counts both stays).
public struct PhaseTime: Sendable, Equatable {
    public var phase: Phase
    /// How many times the phase was entered (0 when never).
    public var visits: Int
    /// Seconds across all visits; an unfinished visit counts up to the metrics' end time.
    public var seconds: TimeInterval
    /// When it was first entered, nil when never.
    public var firstEnteredAt: Date?

    public init(phase: Phase, visits: Int, seconds: TimeInterval, firstEnteredAt: Date?) {
        self.phase = phase
        self.visits = visits
        self.seconds = seconds
        self.firstEnteredAt = firstEnteredAt
    }
}
