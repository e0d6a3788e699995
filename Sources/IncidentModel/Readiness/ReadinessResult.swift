import Foundation

/// One readiness check's answer for one place (a region, or the whole account):
/// pass, fail, or could not check — with the evidence (the exact command and
/// what it returned) so a reviewer can see why.
///
/// ```swift
/// ReadinessResult(check: "ebs.default-encryption", title: "EBS encryption by default", region: "eu-west-1",
///                 covers: "readiness.encryption", status: .fail, detail: "off: new volumes are not encrypted")
/// ```
public struct ReadinessResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pass
        case fail
        /// The check could not run (no permission, an API the endpoint lacks, a timeout).
        case unknown = "could-not-check"
    }

    /// Stable id such as `cloudtrail.logging`.
    public var check: String
    public var title: String
    /// nil for an account-wide check (IAM, S3 buckets).
    public var region: String?
    /// The account audited, when the audit ran with that account's own profile; nil for the default credentials.
    public var account: String?
    /// The Readiness checklist item this check covers.
    public var covers: String
    public var status: Status
    /// One line: what was found (`2 of 3 VPCs without flow logs: vpc-1, vpc-2`).
    public var detail: String
    /// The calls that decided it.
    public var evidence: [ReadinessEvidence]

    public init(check: String, title: String, region: String?, covers: String, status: Status, detail: String,
                evidence: [ReadinessEvidence] = [], account: String? = nil) {
        self.check = check
        self.title = title
        self.region = region
        self.account = account
        self.covers = covers
        self.status = status
        self.detail = detail
        self.evidence = evidence
    }
}

/// One call behind a readiness answer: the argv as run and the start of what
/// it printed (already redacted by the runner).
public struct ReadinessEvidence: Codable, Sendable, Equatable {
    public var argv: [String]
    public var output: String

    public init(argv: [String], output: String) {
        self.argv = argv
        self.output = output
    }
}
