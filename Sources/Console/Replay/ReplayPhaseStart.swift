import IncidentModel

/// Where the record enters a phase (the opening counts as the first): the
/// scrubber marks these and `{` / `}` jump between them.
public struct ReplayPhaseStart: Sendable, Equatable {
    public let phase: Phase
    /// The position (events applied) at which the phase was entered.
    public let position: Int
}
