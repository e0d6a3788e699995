/// How much an action can hurt: what the plan says before anyone confirms it.
public enum ActionRisk: String, CaseIterable, Codable, Sendable {
    /// Reads AWS and changes nothing.
    case readOnly = "read-only"
    /// Changes AWS in a way the action's own undo steps put back.
    case reversible
    /// Can destroy data or access; needs the typed confirmation the plan names.
    case destructive
}
