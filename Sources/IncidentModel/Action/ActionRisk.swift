/// How much an action can hurt: what the plan says before anyone confirms it.
public enum ActionRisk: String, CaseIterable, Codable, Sendable {
    /// Reads AWS and changes nothing.
    case readOnly = "read-only"
    /// Creates something new (snapshots, tags) and changes nothing that exists; nothing to undo.
    case additive
    /// Changes AWS in a way the action's own undo steps put back.
    case reversible
    /// Can destroy data or access; needs the typed confirmation the plan names.
    case destructive
}
