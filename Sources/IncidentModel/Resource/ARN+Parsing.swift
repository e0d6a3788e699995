import Foundation

extension ARN {
    /// The partitions AWS has.
    public static let partitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    /// Parses an ARN, rejecting a malformed one with the reason.
    ///
    /// Checks the `arn:` prefix, the six colon-separated parts, the partition,
    /// the service name, the region's shape (empty for global services), the
    /// account (empty or 12 digits), and a non-empty resource without control characters.
    public init(parsing text: String) throws {
        func reject(_ reason: String) -> IncidentError {
            .invalidInput("malformed ARN '\(text.terminalSafe)': \(reason)")
        }
        guard text.hasPrefix("arn:") else { throw reject("it must start with 'arn:'") }
        if text.firstControlCharacter != nil { throw reject("it contains a control character") }
        // An S3 object's key may hold spaces: an object ARN is the bucket up to
        // the first `/` and then the whole key. Nothing else in an ARN may.
        if let space = text.firstIndex(where: \.isWhitespace), !Self.isInS3ObjectKey(space, of: text) {
            throw reject("it contains whitespace")
        }
        guard text.utf8.count <= 2048 else { throw reject("it is longer than 2048 bytes") }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else {
            throw reject("it has \(parts.count) parts; expected 6 (arn:partition:service:region:account:resource)")
        }
        let partition = String(parts[1]), service = String(parts[2]), region = String(parts[3])
        let account = String(parts[4]), resource = String(parts[5])
        guard ARN.partitions.contains(partition) else {
            throw reject(partition.isEmpty ? "the partition is empty" : "unknown partition '\(partition)'")
        }
        guard !service.isEmpty, service.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw reject(service.isEmpty ? "the service is empty" : "service '\(service)' is not a service name")
        }
        guard region.isEmpty || AWSRegion.isWellFormed(region) else {
            throw reject("region '\(region)' is not a region name")
        }
        guard account.isEmpty || account == "aws" || (account.count == 12 && account.allSatisfy { $0.isASCII && $0.isNumber }) else {
            throw reject("account '\(account)' must be 12 digits")
        }
        guard !resource.isEmpty else { throw reject("the resource part is empty") }
        self.init(partition: partition, service: service, region: region, account: account, resource: resource)
    }

    /// Whether `index` falls in the key of an S3 object ARN (`arn:PARTITION:s3:::bucket/key`), past the bucket's `/`.
    private static func isInS3ObjectKey(_ index: String.Index, of text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "s3", let slash = parts[5].firstIndex(of: "/") else { return false }
        return index > slash
    }

    /// The kind of resource this ARN names, or `.other` for a type Firebreak does not know.
    public var kind: ResourceKind {
        let (type, id) = typeAndID
        switch (service, type) {
        case ("ec2", "instance"): return .ec2Instance
        case ("ec2", "volume"): return .ebsVolume
        case ("ec2", "snapshot"): return .ebsSnapshot
        case ("ec2", "image"): return .amiImage
        case ("ec2", "security-group"): return .securityGroup
        case ("ec2", "subnet"): return .subnet
        case ("ec2", "vpc"): return .vpc
        case ("ec2", "network-interface"): return .networkInterface
        case ("ec2", "network-acl"): return .networkACL
        case ("iam", "user"): return .iamUser
        case ("iam", "role"): return .iamRole
        case ("iam", "group"): return .iamGroup
        case ("iam", "policy"): return .iamPolicy
        case ("iam", "instance-profile"): return .iamInstanceProfile
        case ("sts", "assumed-role"): return .iamRoleSession
        case ("s3", _): return id.contains("/") || type != nil ? .s3Object : .s3Bucket
        case ("kms", "key"): return .kmsKey
        case ("kms", "alias"): return .kmsAlias
        case ("route53", "hostedzone"): return .route53Zone
        case ("lambda", "function"): return .lambdaFunction
        case ("logs", "log-group"): return .logGroup
        case ("cloudtrail", "trail"): return .cloudTrailTrail
        case ("iam", nil) where id == "root": return .awsRootUser
        case ("autoscaling", "autoScalingGroup"): return .autoScalingGroup
        case ("elasticloadbalancing", "loadbalancer"): return .loadBalancer
        case ("elasticloadbalancing", "targetgroup"): return .targetGroup
        case ("ec2", "elastic-ip"): return .elasticIP
        case ("secretsmanager", "secret"): return .secret
        case ("ssm", "parameter"): return .ssmParameter
        case ("rds", "db"): return .rdsDBInstance
        case ("rds", "snapshot"): return .rdsSnapshot
        case ("eks", "cluster"): return .eksCluster
        case ("ecs", "cluster"): return .ecsCluster
        case ("ecs", "task"): return .ecsTask
        case ("ecr", "repository") where id.contains("@sha256:") || id.contains("/sha256:"): return .ecrImage
        case ("organizations", "account"): return .awsAccount
        default: return .other
        }
    }
}

/// Shapes of AWS region names.
public enum AWSRegion {
    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-4`.
    public static func isWellFormed(_ region: String) -> Bool {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count <= 4,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }),
              parts[0].count == 2, parts[0].allSatisfy(\.isLetter),
              let last = parts.last, last.allSatisfy(\.isNumber), last.count <= 2 else { return false }
        return true
    }

    /// Validates a region given by a person.
    public static func validate(_ region: String) throws -> String {
        let trimmed = region.trimmingCharacters(in: .whitespaces)
        guard isWellFormed(trimmed) else {
            throw IncidentError.invalidInput("'\(region.terminalSafe)' is not an AWS region name (e.g. us-east-1)")
        }
        return trimmed
    }
}

/// Shapes of AWS account ids.
public enum AWSAccount {
    /// Validates a 12-digit account id.
    public static func validate(_ account: String) throws -> String {
        let trimmed = account.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == 12, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw IncidentError.invalidInput("'\(account.terminalSafe)' is not an AWS account id; expected 12 digits")
        }
        return trimmed
    }
}
