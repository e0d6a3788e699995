import IncidentModel

/// One catalog action, read from a definition file (`actions/<phase>/<id>.json`).
///
/// ```json
/// { "id": "ec2.stop", "phase": "containment", "kinds": ["ec2-instance"], "risk": "reversible",
///   "summary": "Stop the instance (never terminate)",
///   "record": [{ "name": "state", "capture": "state",
///                "argv": ["ec2", "describe-instances", "--instance-ids", "{resource}",
///                         "--query", "Reservations[0].Instances[0].State.Name"] }],
///   "steps": [{ "name": "stop", "dryRun": true, "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"] }],
///   "undo": [{ "name": "start", "argv": ["ec2", "start-instances", "--instance-ids", "{resource}"] }],
///   "onSuccess": { "state": "contained", "checklist": "containment.stop-instances" } }
/// ```
public struct ActionDefinition: Sendable, Equatable, Identifiable {
    public var id: String
    public var phase: Phase
    public var kinds: [ResourceKind]
    public var summary: String
    public var risk: ActionRisk
    /// Said in the plan before anyone confirms (who else is affected, what cannot be undone).
    public var warning: String?
    /// The text a destructive action needs typed (`--confirm`); `{resource}` names the resources.
    public var confirm: String?
    public var parameters: [ActionParameter]
    /// Values the record steps must find before anything changes (`--force` skips the check).
    public var requires: [ActionRequirement]
    /// Read-only calls the plan makes before anyone confirms (see `ActionStage.preview`).
    public var preview: [ActionStep]
    /// Said in the plan once the preview ran, per resource: `{name}` stands for a
    /// preview capture (lists joined with ", ", "none" when empty).
    public var notice: String?
    public var record: [ActionStep]
    public var steps: [ActionStep]
    public var verify: [ActionStep]
    public var undo: [ActionStep]
    /// Steps run for each resource whose change stage failed (see `ActionStage.compensate`).
    public var compensate: [ActionStep] = []
    /// Runs of other actions the plan says are missing (`ec2.capture-memory` before isolating).
    public var precededBy: [ActionPrecedent] = []
    /// The resource state a successful run moves each resource to.
    public var successState: ResourceState?
    /// The checklist item a successful run ticks.
    public var successChecklist: String?
    /// The resource state a successful undo moves each resource to.
    public var undoState: ResourceState?
    /// The file it came from (`built-in:…` for compiled-in copies).
    public var source: String
    /// For a query: how its steps' output becomes log records (`Outcome.records`).
    public var recordFormat: ActionRecordFormat?
    /// `"guardsCaller": true`: its resources are identities (or bucket
    /// policies) that must not be Firebreak's own (`CallerGuard`); a run learns
    /// the caller first and refuses it without `--allow-self`.
    public var guardsCaller = false
    /// `"kindNotices"`: a notice per resource kind, used instead of `notice`
    /// for a resource of that kind (a role's users, where a user has none).
    public var kindNotices: [ResourceKind: String] = [:]
    /// `"undoParameters"`: values only `action undo` takes (`--reactivate`
    /// is `reactivate=yes`); undo steps test them with `when`/`unless`.
    public var undoParameters: [ActionParameter] = []
    /// `"undoNotice"`: said in an undo's plan when its condition holds, e.g.
    /// that the key stays inactive unless `--reactivate` is given.
    public var undoNotice: UndoNotice?
    /// `"onUndo": {"when": NAME}`: an undo moves the resources to `undoState`
    /// only when this undo parameter is given (a key kept inactive stays contained).
    public var undoStateWhen: String?

    public init(id: String, phase: Phase, kinds: [ResourceKind], summary: String, risk: ActionRisk, warning: String? = nil,
                confirm: String? = nil, parameters: [ActionParameter] = [], requires: [ActionRequirement] = [],
                preview: [ActionStep] = [], notice: String? = nil, record: [ActionStep] = [], steps: [ActionStep],
                verify: [ActionStep] = [], undo: [ActionStep] = [], successState: ResourceState? = nil,
                successChecklist: String? = nil, undoState: ResourceState? = nil, source: String = "",
                recordFormat: ActionRecordFormat? = nil) {
        self.id = id
        self.phase = phase
        self.kinds = kinds
        self.summary = summary
        self.risk = risk
        self.warning = warning
        self.confirm = confirm
        self.parameters = parameters
        self.requires = requires
        self.preview = preview
        self.notice = notice
        self.record = record
        self.steps = steps
        self.verify = verify
        self.undo = undo
        self.successState = successState
        self.successChecklist = successChecklist
        self.undoState = undoState
        self.source = source
        self.recordFormat = recordFormat
    }

    /// The steps of one stage.
    public func steps(of stage: ActionStage) -> [ActionStep] {
        switch stage {
        case .preview: return preview
        case .record: return record
        case .change: return steps
        case .verify: return verify
        case .undo: return undo
        case .compensate: return compensate
        }
    }

    /// True when `action undo` can revert a run of this action.
    public var isUndoable: Bool { risk != .readOnly && !undo.isEmpty }

    /// Values every action may use, whatever the resource.
    /// `step-name` is unique per run, step and resource (`firebreak-INC-1-run-3-create-isolation-group`), for things a step creates.
    /// `now` is the time the plan was made, RFC 3339 in UTC to the second (`2026-05-01T09:30:00Z`).
    /// `incident-opened` is when the incident was opened, as EC2 prints times (`2026-05-01T09:30:00.000Z`).
    /// `evidence-run` is the run of this incident that created the resource (an `ec2.snapshot` that took it), absent otherwise.
    /// `incident-regions` is the list of the incident's regions (the resource's own when the incident names none).
    public static let commonPlaceholders: Set<String> = ["resource", "incident", "run", "step-name", "region", "now", "incident-opened", "evidence-run",
                                                         "incident-regions"]

    /// The notice for a resource of `kind`: its kind's own, else the action's.
    public func notice(for kind: ResourceKind) -> String? { kindNotices[kind] ?? notice }

    /// Values that only some kinds of resource give.
    public static let kindPlaceholders: [ResourceKind: Set<String>] = [
        .route53Record: ["record-zone", "record-name", "record-type", "record-set-query", "record-values-query"],
        .s3Object: ["object-bucket", "object-key"],
        .s3Bucket: ["bucket-arn", "bucket-objects-arn"],
    ]

    /// Values an action that guards the caller may use, from who Firebreak acts as
    /// (`CallerIdentity`): `caller-arn`, and `caller-userid-pattern`, what
    /// `aws:userid` holds for it: a user's id, every session of its role
    /// (`AROA…:*`, so a later session can still undo), or the account for root.
    public static let callerPlaceholders: Set<String> = ["caller-arn", "caller-userid-pattern"]
}
