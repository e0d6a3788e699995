/// What does a checklist item when the responder asks for it (`r` in the
/// console): an action of the catalog (`ec2.isolate`), whose successful run
/// ticks the item, or one of Firebreak's own operations.
///
/// Stored as the one string it always was (`"ec2.isolate"`, `"import-findings"`),
/// so incidents recorded before it was typed decode as they did, and a
/// later Firebreak reads what this one writes.
public enum ChecklistBacking: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A catalog action, by id.
    case action(String)
    /// One of Firebreak's own operations.
    case operation(ChecklistOperation)

    /// An operation's stored name, else an action id.
    public init(_ stored: String) {
        self = ChecklistOperation(rawValue: stored).map(ChecklistBacking.operation) ?? .action(stored)
    }

    /// The form it is stored in.
    public var stored: String {
        switch self {
        case .action(let id): return id
        case .operation(let operation): return operation.rawValue
        }
    }

    public var description: String { stored }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stored)
    }
}

/// Firebreak's own operations that back checklist items, each by the name
/// the default playbook has always stored for it.
public enum ChecklistOperation: String, CaseIterable, Sendable {
    /// `firebreak readiness`: the read-only audit, which ticks the Readiness items that pass.
    case readinessAudit = "firebreak readiness"
    /// The accounts and regions the incident spans, and its resources in each.
    case accountsAndRegions = "incident-accounts-regions"
    /// `firebreak import`: GuardDuty or Security Hub findings, or a findings file.
    case importFindings = "import-findings"
    /// `firebreak resource discover`: what a resource touches, added as suspected.
    case discovery = "discover-related"
    /// `firebreak action verify`: every containment still in force, read back.
    case verification = "containment.verify"
    /// `firebreak action undo`: a containment run reverted from what it recorded.
    case undoContainment = "undo-containment"
    /// The undo of a network containment (an isolation, a quarantined subnet).
    case restoreNetwork = "restore-security-groups"
    /// `firebreak report`: the post-incident report, written to a file.
    case report = "report"
    /// Drills scheduled: a follow-up action item for the report.
    case drill = "drill"

    /// What it does, for the item's details.
    public var summary: String {
        switch self {
        case .readinessAudit: return "the readiness audit (firebreak readiness)"
        case .accountsAndRegions: return "the incident's accounts and regions"
        case .importFindings: return "import findings (firebreak import)"
        case .discovery: return "discover related resources (firebreak resource discover)"
        case .verification: return "verify containment (firebreak action verify)"
        case .undoContainment: return "undo a containment (firebreak action undo)"
        case .restoreNetwork: return "undo a network containment (firebreak action undo)"
        case .report: return "write the post-incident report (firebreak report)"
        case .drill: return "schedule a drill (a follow-up action item)"
        }
    }
}
