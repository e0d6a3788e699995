import Foundation

/// Whether a checklist item has been done.
public enum ChecklistItemState: String, Codable, Sendable, CaseIterable {
    case open
    case done
    case skipped
}

/// One thing to do in a phase, as the playbook describes it.
public struct ChecklistTemplate: Codable, Sendable, Equatable {
    /// Stable id such as `containment.isolate-instances`.
    public var id: String
    public var phase: Phase
    public var text: String
    /// What does this item, if Firebreak can: a catalog action (`ec2.isolate`) or one of its own operations.
    public var backedBy: ChecklistBacking?

    public init(id: String, phase: Phase, text: String, backedBy: ChecklistBacking? = nil) {
        self.id = id
        self.phase = phase
        self.text = text
        self.backedBy = backedBy
    }
}

/// A checklist item of one incident: the template and who did what to it.
public struct ChecklistItem: Codable, Sendable, Equatable, Identifiable {
    public var template: ChecklistTemplate
    public var state: ChecklistItemState
    /// Who last changed the state, and when.
    public var by: String?
    public var at: Date?
    /// Why it was skipped.
    public var reason: String?

    public init(template: ChecklistTemplate, state: ChecklistItemState = .open, by: String? = nil, at: Date? = nil, reason: String? = nil) {
        self.template = template
        self.state = state
        self.by = by
        self.at = at
        self.reason = reason
    }

    public var id: String { template.id }
    public var phase: Phase { template.phase }
    public var text: String { template.text }
}
