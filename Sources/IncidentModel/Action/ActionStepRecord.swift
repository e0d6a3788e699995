import Foundation

/// One AWS CLI call as it happened: the exact argv, how it ended and what it
/// printed (already redacted and capped by the runner, so no secret is stored).
public struct ActionStepRecord: Codable, Sendable, Equatable {
    /// How one call ended.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case succeeded
        case failed
        case timedOut = "timed-out"
        /// Not run: a dry run of a step without an API dry run, or a condition that did not hold.
        case skipped
        /// The run was interrupted (SIGINT, SIGTERM, SIGHUP) during the call and
        /// its process group killed: AWS may or may not have made the change.
        case interrupted
    }

    /// The resource this call was for.
    public var resource: String
    /// The definition's name for the step (`record-groups`, `swap-to-isolation`).
    public var step: String
    /// `record`, `change`, `verify` or `undo`.
    public var stage: String
    /// The argv after the binary name, exactly as run.
    public var argv: [String]
    public var outcome: Outcome
    /// nil when the process never ran or was killed.
    public var exitCode: Int32?
    public var durationMs: Int
    /// Redacted, capped stdout.
    public var stdout: String
    /// Redacted, capped stderr.
    public var stderr: String
    /// The whole redacted stdout, kept by hash when it was longer than `stdout` keeps.
    public var stdoutBody: StoredBody?
    /// The whole redacted stderr, kept by hash when it was longer than `stderr` keeps.
    public var stderrBody: StoredBody?
    /// The one-line reason when the step did not succeed.
    public var error: String?
    /// Every resource a batched call covered (`resource` is the first of
    /// them); nil for a call made for one resource.
    public var batch: [String]?
    /// What this step captured for later steps and for undo (name → JSON),
    /// kept with the step so a run that never finished can still be undone.
    public var captures: [String: String]?
    /// True when `stdoutBody` is evidence: the bytes the step's query selected
    /// (decoded from base64 where AWS sends them so, a screenshot's JPEG), kept
    /// whatever their length, so its `sha256` is the evidence's own hash.
    public var evidence: Bool?
    /// For one repetition of a step repeated over a list: the item it was
    /// for (`eni-0abc…`, a CIDR); nil for a step that is not repeated.
    public var item: String?

    public init(resource: String, step: String, stage: String, argv: [String], outcome: Outcome, exitCode: Int32?,
                durationMs: Int, stdout: String = "", stderr: String = "", error: String? = nil, batch: [String]? = nil,
                stdoutBody: StoredBody? = nil, stderrBody: StoredBody? = nil, captures: [String: String]? = nil,
                evidence: Bool? = nil, item: String? = nil) {
        self.resource = resource
        self.step = step
        self.stage = stage
        self.argv = argv
        self.outcome = outcome
        self.exitCode = exitCode
        self.durationMs = durationMs
        self.stdout = stdout
        self.stderr = stderr
        self.error = error
        self.batch = batch
        self.stdoutBody = stdoutBody
        self.stderrBody = stderrBody
        self.captures = captures
        self.evidence = evidence
        self.item = item
    }

    /// The resources this call acted for.
    public var coveredResources: [String] { batch ?? [resource] }
}
