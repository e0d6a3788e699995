import IncidentModel

/// One `aws` call of an action, as the definition writes it.
public struct ActionStep: Sendable, Equatable {
    /// Unique within the action: `record-groups`, `swap-to-isolation`.
    public var name: String
    /// The argv after `aws`.
    public var arguments: [ArgumentTemplate]
    /// Stores the call's JSON output (the result of the CLI's own `--query`) under this name;
    /// for a repeated step, the list of every repetition's output in the list's order.
    public var capture: String?
    /// Runs only when this placeholder has a non-empty value.
    public var when: String?
    /// Runs only when this placeholder is empty or absent.
    public var unless: String?
    /// The API has its own dry run (`--dry-run`, answered by `DryRunOperation`).
    public var supportsDryRun: Bool
    /// For verification steps: the JSON the output must equal (placeholders allowed in whole strings).
    /// Lists compare without regard to order.
    public var expect: String?
    /// For verification steps: a value the output list must contain.
    public var expectIncludes: String?
    /// Only for these kinds of resource (all when empty).
    public var kinds: [ResourceKind]
    /// AWS error codes that mean "nothing there": the step counts as done with an empty capture.
    public var tolerate: [String]
    /// One call covers every resource of the run whose other arguments render
    /// the same: `{resource}` and `{name...}` spreads collect each one's ids
    /// (one `stop-instances` with many ids). If that call fails, each resource
    /// is tried alone, so one bad resource does not fail the others.
    public var batch: Bool
    /// Asked again until AWS gives a terminal answer (`until`, `every`, `within`).
    public var poll: ActionStepPoll?
    /// The output is evidence, kept whole by its SHA-256 (`"evidence": "text"` or `"base64"`).
    public var evidence: ActionEvidence?
    /// Repeats the step once per element of a captured list (`forEach`, `as`), each its own call and record.
    public var repetition: StepRepetition?
    /// Computes its capture with a built-in instead of calling AWS (then `arguments` is empty).
    public var derivation: StepDerivation?
    /// For compensation steps: what a success did, said in the run's error
    /// (`put on the isolation group {isolation-group}`; a repeated step's items go first).
    public var report: String?
    /// `"region": "r"`: the call goes to the region this placeholder holds (an
    /// item of a step repeated over `{incident-regions}`), not the resource's.
    public var region: String?
    /// `"shareBy": "vpc"`: resources of one VPC share what the step makes. Its
    /// `{step-name}` names the VPC, not the resource, and the calls that render
    /// the same for several resources are made once: the answer (and capture)
    /// is each one's, and the record covers them all (`batch`).
    public var shareBy: String?
    /// For a shared undo step: what it takes away (`the isolation group`), said when
    /// an undo of some of the run's resources leaves it for the others still sharing it.
    public var removes: String?
    /// With `batch`: the query answers `[[id, value], …]`, and each resource
    /// (in a repeated step, each item) takes the value paired with its own id:
    /// its capture, its verification, its own record. One `describe-instances`
    /// records every instance's VPC; one `describe-network-interfaces`
    /// verifies every interface.
    public var keyed: Bool = false

    public init(name: String, arguments: [ArgumentTemplate], capture: String? = nil, when: String? = nil, unless: String? = nil,
                supportsDryRun: Bool = false, expect: String? = nil, expectIncludes: String? = nil,
                kinds: [ResourceKind] = [], tolerate: [String] = [], batch: Bool = false, poll: ActionStepPoll? = nil,
                evidence: ActionEvidence? = nil, repetition: StepRepetition? = nil, derivation: StepDerivation? = nil,
                report: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.capture = capture
        self.when = when
        self.unless = unless
        self.supportsDryRun = supportsDryRun
        self.expect = expect
        self.expectIncludes = expectIncludes
        self.kinds = kinds
        self.tolerate = tolerate
        self.batch = batch
        self.poll = poll
        self.evidence = evidence
        self.repetition = repetition
        self.derivation = derivation
        self.report = report
    }

    /// The region the call goes to: the one `region` names when it is a
    /// well-formed region name, `fallback` (the resource's) when the step names
    /// none; nil with `refused` set when the value is not a region.
    func callRegion(_ values: TemplateValues, fallback: String?) -> (region: String?, refused: String?) {
        guard let name = region else { return (fallback, nil) }
        guard let value = values.object(name) as? String, AWSRegion.isWellFormed(value) else {
            return (nil, "{\(name)} is not an AWS region name")
        }
        return (value, nil)
    }
}
