import Foundation

/// What an event says happened. Each case has a stable kind name, stored
/// beside its JSON body; kinds this build does not know are kept as
/// `.unrecognized` so an older Firebreak still shows and verifies them.
public enum EventPayload: Sendable, Equatable {
    case incidentOpened(IncidentOpened)
    case phaseEntered(PhaseEntered)
    case resourceAdded(ResourceAdded)
    case resourceStateChanged(ResourceStateChanged)
    case checklistItemChanged(ChecklistItemChanged)
    case checklistItemAdded(ChecklistItemAdded)
    case noteAdded(NoteAdded)
    case incidentClosed(IncidentClosed)
    case incidentReopened(IncidentReopened)
    case actionRunStarted(ActionRunStarted)
    case actionStepFinished(ActionStepFinished)
    case actionRunFinished(ActionRunFinished)
    case roleAssigned(RoleAssigned)
    case evidencePinned(EvidencePinned)
    case followUpRecorded(FollowUpRecorded)
    case findingImported(FindingImported)
    case intentRecorded(IntentRecorded)
    case indicatorsRecorded(IndicatorsRecorded)
    case readinessAudited(ReadinessAudited)
    case signingKeyRecorded(SigningKeyRecorded)
    case headSigned(HeadSigned)
    case severityChanged(SeverityChanged)
    case drillResumed(DrillResumed)
    case unrecognized(kind: String, body: String)

    /// The stable name stored in the `kind` column, e.g. `resource.added`.
    public var kind: String {
        switch self {
        case .incidentOpened: return IncidentOpened.kind
        case .phaseEntered: return PhaseEntered.kind
        case .resourceAdded: return ResourceAdded.kind
        case .resourceStateChanged: return ResourceStateChanged.kind
        case .checklistItemChanged: return ChecklistItemChanged.kind
        case .checklistItemAdded: return ChecklistItemAdded.kind
        case .noteAdded: return NoteAdded.kind
        case .incidentClosed: return IncidentClosed.kind
        case .incidentReopened: return IncidentReopened.kind
        case .actionRunStarted: return ActionRunStarted.kind
        case .actionStepFinished: return ActionStepFinished.kind
        case .actionRunFinished: return ActionRunFinished.kind
        case .roleAssigned: return RoleAssigned.kind
        case .evidencePinned: return EvidencePinned.kind
        case .followUpRecorded: return FollowUpRecorded.kind
        case .findingImported: return FindingImported.kind
        case .intentRecorded: return IntentRecorded.kind
        case .indicatorsRecorded: return IndicatorsRecorded.kind
        case .readinessAudited: return ReadinessAudited.kind
        case .signingKeyRecorded: return SigningKeyRecorded.kind
        case .headSigned: return HeadSigned.kind
        case .severityChanged: return SeverityChanged.kind
        case .drillResumed: return DrillResumed.kind
        case .unrecognized(let kind, _): return kind
        }
    }

    /// The body as canonical JSON (sorted keys), the exact text that is stored and hashed.
    public func encodedBody() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case .incidentOpened(let body): data = try encoder.encode(body)
        case .phaseEntered(let body): data = try encoder.encode(body)
        case .resourceAdded(let body): data = try encoder.encode(body)
        case .resourceStateChanged(let body): data = try encoder.encode(body)
        case .checklistItemChanged(let body): data = try encoder.encode(body)
        case .checklistItemAdded(let body): data = try encoder.encode(body)
        case .noteAdded(let body): data = try encoder.encode(body)
        case .incidentClosed(let body): data = try encoder.encode(body)
        case .incidentReopened(let body): data = try encoder.encode(body)
        case .actionRunStarted(let body): data = try encoder.encode(body)
        case .actionStepFinished(let body): data = try encoder.encode(body)
        case .actionRunFinished(let body): data = try encoder.encode(body)
        case .roleAssigned(let body): data = try encoder.encode(body)
        case .evidencePinned(let body): data = try encoder.encode(body)
        case .followUpRecorded(let body): data = try encoder.encode(body)
        case .findingImported(let body): data = try encoder.encode(body)
        case .intentRecorded(let body): data = try encoder.encode(body)
        case .indicatorsRecorded(let body): data = try encoder.encode(body)
        case .readinessAudited(let body): data = try encoder.encode(body)
        case .signingKeyRecorded(let body): data = try encoder.encode(body)
        case .headSigned(let body): data = try encoder.encode(body)
        case .severityChanged(let body): data = try encoder.encode(body)
        case .drillResumed(let body): data = try encoder.encode(body)
        case .unrecognized(_, let body): return body
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a stored body. An unknown kind becomes `.unrecognized`; a known
    /// kind whose body does not decode is an error (the record is damaged).
    public static func decode(kind: String, body: String) throws -> EventPayload {
        let decoder = JSONDecoder()
        let data = Data(body.utf8)
        switch kind {
        case IncidentOpened.kind: return .incidentOpened(try decoder.decode(IncidentOpened.self, from: data))
        case PhaseEntered.kind: return .phaseEntered(try decoder.decode(PhaseEntered.self, from: data))
        case ResourceAdded.kind: return .resourceAdded(try decoder.decode(ResourceAdded.self, from: data))
        case ResourceStateChanged.kind: return .resourceStateChanged(try decoder.decode(ResourceStateChanged.self, from: data))
        case ChecklistItemChanged.kind: return .checklistItemChanged(try decoder.decode(ChecklistItemChanged.self, from: data))
        case ChecklistItemAdded.kind: return .checklistItemAdded(try decoder.decode(ChecklistItemAdded.self, from: data))
        case NoteAdded.kind: return .noteAdded(try decoder.decode(NoteAdded.self, from: data))
        case IncidentClosed.kind: return .incidentClosed(try decoder.decode(IncidentClosed.self, from: data))
        case IncidentReopened.kind: return .incidentReopened(try decoder.decode(IncidentReopened.self, from: data))
        case ActionRunStarted.kind: return .actionRunStarted(try decoder.decode(ActionRunStarted.self, from: data))
        case ActionStepFinished.kind: return .actionStepFinished(try decoder.decode(ActionStepFinished.self, from: data))
        case ActionRunFinished.kind: return .actionRunFinished(try decoder.decode(ActionRunFinished.self, from: data))
        case RoleAssigned.kind: return .roleAssigned(try decoder.decode(RoleAssigned.self, from: data))
        case EvidencePinned.kind: return .evidencePinned(try decoder.decode(EvidencePinned.self, from: data))
        case FollowUpRecorded.kind: return .followUpRecorded(try decoder.decode(FollowUpRecorded.self, from: data))
        case FindingImported.kind: return .findingImported(try decoder.decode(FindingImported.self, from: data))
        case IntentRecorded.kind: return .intentRecorded(try decoder.decode(IntentRecorded.self, from: data))
        case IndicatorsRecorded.kind: return .indicatorsRecorded(try decoder.decode(IndicatorsRecorded.self, from: data))
        case ReadinessAudited.kind: return .readinessAudited(try decoder.decode(ReadinessAudited.self, from: data))
        case SigningKeyRecorded.kind: return .signingKeyRecorded(try decoder.decode(SigningKeyRecorded.self, from: data))
        case HeadSigned.kind: return .headSigned(try decoder.decode(HeadSigned.self, from: data))
        case SeverityChanged.kind: return .severityChanged(try decoder.decode(SeverityChanged.self, from: data))
        case DrillResumed.kind: return .drillResumed(try decoder.decode(DrillResumed.self, from: data))
        default: return .unrecognized(kind: kind, body: body)
        }
    }

    /// One line for people, e.g. `i-0abc (ec2-instance) added as compromised`.
    public var summary: String {
        switch self {
        case .incidentOpened(let body): return "opened \"\(body.title)\" (SEV\(body.severity.rawValue)) in \(body.phase.title)"
        case .phaseEntered(let body): return "entered \(body.phase.title)"
        case .resourceAdded(let body):
            return "\(body.id) (\(body.kind.rawValue)) added as \(body.state.rawValue)" + (body.owner.map { ", owner \($0)" } ?? "")
                + (body.foundVia.map { ", \($0.relation) \($0.from)" } ?? "")
        case .resourceStateChanged(let body):
            return "\(body.resource): \(body.from.rawValue) → \(body.to.rawValue)" + (body.reason.map { " (\($0))" } ?? "")
        case .checklistItemChanged(let body):
            let verb = ["open": "reopened", "done": "ticked", "skipped": "skipped"][body.state.rawValue]!
            return "\(verb) \(body.item)" + (body.reason.map { " (\($0))" } ?? "")
        case .checklistItemAdded(let body): return "added checklist item \(body.item.id): \(body.item.text)"
        case .noteAdded(let body): return (body.noteKind == .statusUpdate ? "status update: " : "note: ") + body.text
        case .incidentClosed(let body): return "closed: \(body.resolution)"
        case .incidentReopened: return "reopened"
        case .actionRunStarted(let body):
            let verb = body.undoes.map { "undo of \($0)" } ?? (body.dryRun ? "dry run" : "run")
            return "\(body.runID): \(verb) \(body.action) on \(body.resources.joined(separator: ", "))"
        case .actionStepFinished(let body):
            let step = body.step
            return "\(body.runID) \(step.resource) \(step.step): \(step.outcome.rawValue) in \(step.durationMs) ms: aws \(step.argv.joined(separator: " "))"
                + (step.error.map { " (\($0))" } ?? "")
        case .actionRunFinished(let body):
            return "\(body.runID): \(body.status.rawValue)" + (body.error.map { " (\($0))" } ?? "")
        case .roleAssigned(let body):
            return body.operatorName.isEmpty ? "no \(body.role.rawValue) any more" : "\(body.operatorName) is \(body.role.rawValue)"
        case .evidencePinned(let body): return "pinned evidence from \(body.source): \(body.line)"
        case .followUpRecorded(let body):
            return "\(body.id) \(body.category.rawValue): \(body.text)" + (body.owner.map { ", owner \($0)" } ?? "") + (body.due.map { ", due \($0)" } ?? "")
        case .findingImported(let body):
            return "\(body.source) finding \(body.type) (\(body.severity)): \(body.title)"
                + (body.resources.isEmpty ? "" : " on \(body.resources.joined(separator: ", "))")
        case .intentRecorded(let body): return "suspected intent: \(body.intent) (from \(body.source))"
        case .indicatorsRecorded(let body):
            let shown = body.indicators.prefix(5).map { "\($0.kind.rawValue) \($0.value)" }.joined(separator: ", ")
            return "indicators from \(body.source): \(shown)" + (body.indicators.count > 5 ? " and \(body.indicators.count - 5) more" : "")
        case .readinessAudited(let body):
            return "readiness audit (\(body.regions.joined(separator: ", "))): \(body.tally)"
        case .signingKeyRecorded(let body): return "signing key of \(body.operatorName) recorded (\(body.fingerprint))"
        case .headSigned(let body): return "signed the head at #\(body.seq) (\(body.reason.rawValue), key \(body.fingerprint))"
        case .severityChanged(let body):
            return "severity \(body.from) → \(body.to) (\(body.to.label))" + (body.reason.map { ": \($0)" } ?? "")
        case .drillResumed(let body): return "drill resumed: its emulator at \(body.endpoint), the scenario seeded again"
        case .unrecognized(let kind, _): return "\(kind) (not understood by this version of Firebreak)"
        }
    }
}

/// The first event of every incident.
public struct IncidentOpened: Codable, Sendable, Equatable {
    public static let kind = "incident.opened"
    public var title: String
    public var severity: Severity
    public var summary: String
    public var accounts: [String]
    public var regions: [String]
    public var phase: Phase
    public var isDrill: Bool
    /// A drill's emulator on the loopback (`http://127.0.0.1:PORT`): every AWS call made for the
    /// incident goes there. Absent (not null) when not set, so events written before it hash the same.
    public var drillEndpoint: String?
    /// The playbook's items, copied so the incident does not depend on a later playbook.
    public var checklist: [ChecklistTemplate]

    public init(title: String, severity: Severity, summary: String = "", accounts: [String] = [], regions: [String] = [],
                phase: Phase = .readiness, isDrill: Bool = false, drillEndpoint: String? = nil,
                checklist: [ChecklistTemplate] = Playbook.default.items) {
        self.title = title
        self.severity = severity
        self.summary = summary
        self.accounts = accounts
        self.regions = regions
        self.phase = phase
        self.isDrill = isDrill
        self.drillEndpoint = drillEndpoint
        self.checklist = checklist
    }
}

public struct PhaseEntered: Codable, Sendable, Equatable {
    public static let kind = "phase.entered"
    public var phase: Phase
    public init(phase: Phase) { self.phase = phase }
}

public struct ResourceAdded: Codable, Sendable, Equatable {
    public static let kind = "resource.added"
    public var id: String
    public var kind: ResourceKind
    public var region: String?
    public var account: String?
    public var owner: String?
    public var state: ResourceState
    /// Where discovery found it; absent for resources added directly (and in events written before discovery existed).
    public var foundVia: ResourceLink?

    public init(id: String, kind: ResourceKind, region: String? = nil, account: String? = nil, owner: String? = nil,
                state: ResourceState = .suspected, foundVia: ResourceLink? = nil) {
        self.id = id
        self.kind = kind
        self.region = region
        self.account = account
        self.owner = owner
        self.state = state
        self.foundVia = foundVia
    }
}

public struct ResourceStateChanged: Codable, Sendable, Equatable {
    public static let kind = "resource.state-changed"
    public var resource: String
    public var from: ResourceState
    public var to: ResourceState
    public var reason: String?

    public init(resource: String, from: ResourceState, to: ResourceState, reason: String? = nil) {
        self.resource = resource
        self.from = from
        self.to = to
        self.reason = reason
    }
}

public struct ChecklistItemChanged: Codable, Sendable, Equatable {
    public static let kind = "checklist.item-changed"
    public var item: String
    public var state: ChecklistItemState
    public var reason: String?

    public init(item: String, state: ChecklistItemState, reason: String? = nil) {
        self.item = item
        self.state = state
        self.reason = reason
    }
}

/// A checklist item the responders added to the playbook's for this incident.
public struct ChecklistItemAdded: Codable, Sendable, Equatable {
    public static let kind = "checklist.item-added"
    public var item: ChecklistTemplate
    public init(item: ChecklistTemplate) { self.item = item }
}

public struct NoteAdded: Codable, Sendable, Equatable {
    public static let kind = "note.added"
    public var text: String
    /// A status update to stakeholders, say; absent (not null) for an ordinary note, so older notes hash the same.
    public var noteKind: NoteKind?
    public init(text: String, noteKind: NoteKind? = nil) {
        self.text = text
        self.noteKind = noteKind
    }

    enum CodingKeys: String, CodingKey {
        case text
        case noteKind = "kind"
    }
}

public struct IncidentClosed: Codable, Sendable, Equatable {
    public static let kind = "incident.closed"
    public var resolution: String
    public init(resolution: String) { self.resolution = resolution }
}

public struct IncidentReopened: Codable, Sendable, Equatable {
    public static let kind = "incident.reopened"
    public init() {}
}
