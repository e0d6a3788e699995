/// The lists of steps a definition has, in the order a run uses them.
public enum ActionStage: String, Sendable, CaseIterable {
    /// Reads that `action plan` makes before anyone confirms, so the plan can
    /// say who else is affected (`notice`). Only describe/get/list calls; a
    /// run makes them again first, so the record holds what was true then.
    case preview
    /// Reads what the action is about to change, so undo can put it back. Runs even in a dry run.
    case record
    /// The changes.
    case change
    /// Reads AWS back and checks the change holds.
    case verify
    /// Puts back what `record` saw, for `action undo`.
    case undo
    /// Run for a resource whose change stage failed, right after it (the
    /// definition's `onFailure`): puts what a half-done change left unsafe
    /// into a safe state, and says what it did in the run's error.
    case compensate

    /// The field name in a definition file.
    public var field: String {
        switch self {
        case .change: return "steps"
        case .compensate: return "onFailure"
        default: return rawValue
        }
    }
}
