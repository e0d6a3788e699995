/// What kind of thing an indicator of compromise is.
public enum IndicatorKind: String, Codable, Sendable, CaseIterable {
    /// An IPv4 or IPv6 address the attacker came from or talked to.
    case ipAddress = "ip-address"
    case domain
    case userAgent = "user-agent"
    /// An access key id used in the activity (`AKIA…`, `ASIA…`).
    case accessKeyID = "access-key-id"
    /// Who acted: an IAM ARN or name, a federated user, a Kubernetes or database user.
    case principal
    /// Another AWS account that took part (GuardDuty's `RemoteAccountDetails`).
    case account = "aws-account"
    /// The SHA-256 of a file or process executable.
    case fileHash = "file-hash"
}
