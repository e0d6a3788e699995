/// The checklist an incident starts with: every item of every phase.
///
/// An incident copies its playbook's items into its opening event, so a later
/// Firebreak with a different default playbook still replays it exactly.
public struct Playbook: Codable, Sendable, Equatable {
    public var name: String
    public var items: [ChecklistTemplate]

    public init(name: String, items: [ChecklistTemplate]) {
        self.name = name
        self.items = items
    }

    /// The items of one phase, in playbook order.
    public func items(in phase: Phase) -> [ChecklistTemplate] {
        items.filter { $0.phase == phase }
    }
}
