import IncidentModel

/// Where the record enters a phase (the opening counts as the first): the
/// scrubber marks these and `{` / `}` jump between them.
public struct ReplayPhaseStart: Sendable, Equatable {
    public let phase: Phase
    /// The position (events applied) at which the phase was entered.
    public let position: Int

    public init(phase: Phase, position: Int) {
        self.phase = phase
        self.position = position
    }

    /// The phase `event` enters, if it enters one (the opening, a phase entry).
    init?(entering event: Event) {
        switch event.payload {
        case .incidentOpened(let body): self.init(phase: body.phase, position: Int(event.seq))
        case .phaseEntered(let body): self.init(phase: body.phase, position: Int(event.seq))
        default: return nil
        }
    }
}
