extension ARN {
    /// IAM types whose ARNs carry a path before the name (`role/aws-reserved/sso.amazonaws.com/NAME`).
    static let iamPathTypes: Set<String> = ["user", "role", "group", "policy", "instance-profile"]

    /// The resource's own name or id, as the AWS CLI takes it where it does
    /// not take the ARN: `i-0abc…` for an instance; an IAM user's, role's,
    /// group's, policy's or instance profile's last path segment
    /// (`AWSReservedSSO_Admin_abc`, not `aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_abc`);
    /// a log group's name without the `:*` AWS appends; `bucket` or `bucket/key` for S3.
    public var resourceName: String {
        let (type, id) = typeAndID
        switch (service, type) {
        case ("s3", _):
            return resource
        case ("iam", let type?) where ARN.iamPathTypes.contains(type):
            return id.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? id
        case ("autoscaling", "autoScalingGroup"):
            // autoScalingGroup:UUID:autoScalingGroupName/NAME
            return id.range(of: "autoScalingGroupName/").map { String(id[$0.upperBound...]) } ?? id
        case ("elasticloadbalancing", "loadbalancer"):
            // loadbalancer/app/NAME/ID, loadbalancer/net/NAME/ID, loadbalancer/gwy/NAME/ID; classic: loadbalancer/NAME.
            let parts = id.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 3 ? String(parts[1]) : id
        case ("elasticloadbalancing", "targetgroup"):
            return id.split(separator: "/", omittingEmptySubsequences: false).first.map(String.init) ?? id
        case ("ssm", "parameter"):
            // A hierarchical parameter's name starts with '/', which its ARN does not repeat.
            return id.contains("/") ? "/" + id : id
        case ("organizations", "account"):
            return id.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? id
        case ("iam", nil) where id == "root":
            return account
        case ("logs", "log-group"):
            // log-group:NAME, log-group:NAME:*, log-group:NAME:log-stream:S; a group's name never holds ':'.
            return id.firstIndex(of: ":").map { String(id[..<$0]) } ?? id
        default:
            return id
        }
    }

    /// An IAM user's, role's, group's, policy's or instance profile's path as
    /// IAM writes it (`/aws-reserved/sso.amazonaws.com/`, `/` when there is
    /// none); nil for other ARNs.
    public var iamPath: String? {
        let (type, id) = typeAndID
        guard service == "iam", let type, ARN.iamPathTypes.contains(type) else { return nil }
        let segments = id.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        return segments.isEmpty ? "/" : "/" + segments.joined(separator: "/") + "/"
    }

    /// The bucket and whole key an S3 ARN names, nil for other ARNs or a malformed bucket.
    public var s3Location: S3Location? {
        guard service == "s3" else { return nil }
        return try? S3Location(path: Substring(resource), original: description)
    }
}
