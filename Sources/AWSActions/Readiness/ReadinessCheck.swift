import Foundation

/// What the readiness audit checks: each with the Readiness checklist item
/// it covers and whether it runs per region or once for the account.
public struct ReadinessCheck: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The checklist item a pass ticks.
    public var covers: String
    public var perRegion: Bool
    /// Said, never failed: a check whose failing would mislead (every S3
    /// bucket has been encrypted by default since January 2023).
    public var informational = false

    public static let trails = ReadinessCheck(id: "cloudtrail.logging", title: "CloudTrail trail logging this region",
                                              covers: "readiness.central-logging", perRegion: true)
    public static let guardDuty = ReadinessCheck(id: "guardduty.enabled", title: "GuardDuty detector enabled",
                                                 covers: "readiness.central-logging", perRegion: true)
    public static let flowLogs = ReadinessCheck(id: "vpc.flow-logs", title: "VPC Flow Logs on every VPC",
                                                covers: "readiness.central-logging", perRegion: true)
    public static let ebsEncryption = ReadinessCheck(id: "ebs.default-encryption", title: "EBS encryption by default",
                                                     covers: "readiness.encryption", perRegion: true)
    public static let bucketEncryption = ReadinessCheck(id: "s3.bucket-encryption", title: "S3 default encryption on every bucket (informational)",
                                                        covers: "readiness.encryption", perRegion: false, informational: true)
    public static let publicAccess = ReadinessCheck(id: "s3.public-access-block", title: "S3 public access blocked on every bucket",
                                                    covers: "readiness.identify-risks", perRegion: false)
    public static let ownerTags = ReadinessCheck(id: "tags.owner", title: "Every instance and bucket has an owner tag",
                                                 covers: "readiness.owner-tags", perRegion: false)
    public static let accessKeys = ReadinessCheck(id: "iam.access-keys", title: "No access key older than 90 days or unused",
                                                  covers: "readiness.least-privilege", perRegion: false)

    public static let logFileValidation = ReadinessCheck(id: "cloudtrail.log-file-validation",
                                                         title: "CloudTrail log file validation on the trails recording this region",
                                                         covers: "readiness.central-logging", perRegion: true)
    public static let instanceMetadata = ReadinessCheck(id: "ec2.imdsv2", title: "Every instance requires IMDSv2 with a hop limit of 1",
                                                        covers: "readiness.identify-risks", perRegion: true)
    public static let accountPublicAccess = ReadinessCheck(id: "s3.account-public-access-block", title: "S3 public access blocked for the whole account",
                                                           covers: "readiness.identify-risks", perRegion: false)

    /// Every check, in the order the audit reports them.
    public static let all: [ReadinessCheck] = [.trails, .logFileValidation, .guardDuty, .flowLogs, .ebsEncryption, .bucketEncryption,
                                               .publicAccess, .accountPublicAccess, .instanceMetadata, .ownerTags, .accessKeys]

    public init(id: String, title: String, covers: String, perRegion: Bool, informational: Bool = false) {
        self.id = id
        self.title = title
        self.covers = covers
        self.perRegion = perRegion
        self.informational = informational
    }
}
