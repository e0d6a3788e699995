import Foundation

/// A resource reference as a person or a finding gives it (a bare id such as
/// `i-0abc…`, a name such as a bucket's, `s3://bucket/key`, an IP address or
/// an ARN), validated against the shape AWS gives that kind of thing.
///
/// Validation matters beyond tidiness: these values end up as arguments to
/// the AWS CLI, so a value that does not look like what its kind allows is
/// refused before it can become a flag or a path.
///
/// ```swift
/// let ref = try ResourceIdentifier(parsing: "i-0123456789abcdef0")
/// ref.kind // .ec2Instance
/// let bucket = try ResourceIdentifier(parsing: "logs-prod", kind: .s3Bucket)
/// ```
public struct ResourceIdentifier: Sendable, Hashable {
    /// The id exactly as it was given (after trimming).
    public var id: String
    public var kind: ResourceKind
    /// The parsed ARN when `id` is one.
    public var arn: ARN?

    /// Parses and validates `text`, inferring the kind unless `kind` is given.
    public init(parsing text: String, kind explicitKind: ResourceKind? = nil) throws {
        let id = text.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { throw IncidentError.invalidInput("the resource id is empty") }
        if let control = id.firstControlCharacter {
            throw IncidentError.invalidInput("resource id '\(id.terminalSafe)' contains a control character (U+\(String(control.value, radix: 16, uppercase: true)))")
        }
        if id.hasPrefix("-") {
            throw IncidentError.invalidInput("resource id '\(id.terminalSafe)' starts with '-'; no AWS id does")
        }
        self.id = id
        if id.hasPrefix("arn:") {
            let arn = try ARN(parsing: id)
            self.arn = arn
            let inferred = arn.kind
            if let explicitKind, inferred != .other, explicitKind != inferred {
                throw IncidentError.invalidInput("ARN '\(id.terminalSafe)' is of kind \(inferred.rawValue), not \(explicitKind.rawValue)")
            }
            kind = explicitKind ?? inferred
            try ResourceIdentifier.checkName(in: arn, kind: kind)
            return
        }
        arn = nil
        if let explicitKind {
            guard let shape = ResourceIdentifier.shapes[explicitKind] else {
                throw IncidentError.invalidInput("a \(explicitKind.rawValue) must be given by its ARN")
            }
            guard shape.matches(id) else {
                throw IncidentError.invalidInput("'\(id.terminalSafe)' is not a valid \(explicitKind.rawValue) id; expected \(shape.expected)")
            }
            kind = explicitKind
            return
        }
        // Bucket names look like any other word, so only s3:// says "S3" without --kind.
        let candidates = id.hasPrefix("s3://") ? [ResourceKind.s3Object, .s3Bucket] : ResourceIdentifier.inferredKinds
        guard let inferred = candidates.first(where: { ResourceIdentifier.shapes[$0]!.matches(id) }) else {
            throw IncidentError.invalidInput("cannot tell what kind of resource '\(id.terminalSafe)' is; give an ARN or pass --kind")
        }
        kind = inferred
    }

    /// The region named in the ARN, if any.
    public var region: String? { arn.flatMap { $0.region.isEmpty ? nil : $0.region } }
    /// The account named in the ARN, if any.
    public var account: String? { arn.flatMap { $0.account.isEmpty || $0.account == "aws" ? nil : $0.account } }

    /// Checks the name inside an ARN as its kind's bare name is checked, since
    /// that name (not the ARN) is what reaches the CLI: an S3 ARN's bucket and
    /// whole key, the last segment of an IAM path, a log group's name.
    static func checkName(in arn: ARN, kind: ResourceKind) throws {
        switch kind {
        case .s3Bucket, .s3Object:
            _ = try S3Location(path: Substring(arn.resource), original: arn.description)
        // The id inside an EC2, KMS, Route 53 or CloudTrail ARN is held to the
        // rule its bare id is: `instance/i-xyz` is refused as `i-xyz` is.
        case .iamUser, .iamRole, .iamGroup, .iamPolicy, .iamInstanceProfile, .logGroup,
             .autoScalingGroup, .loadBalancer, .ssmParameter, .rdsDBInstance, .eksCluster, .ecsCluster,
             .ec2Instance, .ebsVolume, .ebsSnapshot, .amiImage, .securityGroup, .subnet, .vpc,
             .networkInterface, .networkACL, .elasticIP, .kmsKey, .route53Zone, .cloudTrailTrail:
            let name = arn.resourceName
            guard let shape = shapes[kind], shape.matches(name) else {
                throw IncidentError.invalidInput("ARN '\(arn.description.terminalSafe)' names '\(name.terminalSafe)', which is not a valid \(kind.rawValue) \(idOrName(kind)); expected \(shapes[kind]!.expected)")
            }
        default:
            break
        }
    }

    /// "id" for kinds AWS gives ids, "name" for those people name.
    static func idOrName(_ kind: ResourceKind) -> String {
        inferredKinds.contains(kind) || kind == .route53Zone ? "id" : "name"
    }

    /// Kinds whose ids are distinctive enough to infer from the id alone, most specific first.
    static let inferredKinds: [ResourceKind] = [
        .ec2Instance, .ebsVolume, .ebsSnapshot, .amiImage, .securityGroup, .subnet, .vpc,
        .networkInterface, .networkACL, .elasticIP, .iamAccessKey, .kmsKey, .ipAddress, .awsAccount,
    ]

    /// The shape of a bare id for each kind that has one.
    static let shapes: [ResourceKind: IDShape] = [
        .ec2Instance: .awsHexID(prefix: "i-"),
        .ebsVolume: .awsHexID(prefix: "vol-"),
        .ebsSnapshot: .awsHexID(prefix: "snap-"),
        .amiImage: .awsHexID(prefix: "ami-"),
        .securityGroup: .awsHexID(prefix: "sg-"),
        .subnet: .awsHexID(prefix: "subnet-"),
        .vpc: .awsHexID(prefix: "vpc-"),
        .networkInterface: .awsHexID(prefix: "eni-"),
        .networkACL: .awsHexID(prefix: "acl-"),
        .elasticIP: .awsHexID(prefix: "eipalloc-"),
        .iamAccessKey: IDShape(expected: "an access key id such as AKIA… or ASIA… (20 characters)") { id in
            id.count == 20 && (id.hasPrefix("AKIA") || id.hasPrefix("ASIA"))
                && id.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        },
        .kmsKey: IDShape(expected: "a key id (a UUID or mrk-…)") { id in
            if id.hasPrefix("mrk-") { return id.count == 36 && id.dropFirst(4).allSatisfy(\.isHexDigit) }
            return UUID(uuidString: id) != nil
        },
        .ipAddress: IDShape(expected: "an IPv4 or IPv6 address") { IPAddressShape.isIPAddress($0) },
        .s3Bucket: IDShape(expected: "a bucket name (3-63 lowercase letters, digits, dots and hyphens) or s3://bucket") { id in
            S3Shape.isBucketName(id.hasPrefix("s3://") ? String(id.dropFirst(5)) : id)
        },
        .s3Object: IDShape(expected: "s3://bucket/key or bucket/key (the key is everything after the bucket's '/')") { id in
            (try? S3Location(parsing: id))?.key != nil
        },
        .iamUser: .iamName(maxLength: 64),
        .iamRole: .iamName(maxLength: 64),
        .iamRoleSession: .iamName(maxLength: 64),
        .iamGroup: .iamName(maxLength: 128),
        .iamPolicy: .iamName(maxLength: 128),
        .iamInstanceProfile: .iamName(maxLength: 128),
        .kmsAlias: IDShape(expected: "alias/NAME") { id in
            id.hasPrefix("alias/") && id.count > 6 && id.count <= 256
                && id.dropFirst(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_-".contains($0)) }
        },
        .route53Zone: IDShape(expected: "a hosted zone id such as Z0123456789ABC") { id in
            let zone = id.hasPrefix("/hostedzone/") ? Substring(id.dropFirst(12)) : Substring(id)
            return zone.count >= 2 && zone.count <= 32 && zone.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        },
        .route53Record: IDShape(expected: "ZONEID/record-name/TYPE, e.g. Z0123456789ABC/api.example.com/A") { id in
            let parts = id.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.count <= 255 }
                && parts.allSatisfy { $0.allSatisfy { $0.isASCII && !$0.isWhitespace } }
                && parts[2].allSatisfy(\.isUppercase)
        },
        .lambdaFunction: IDShape(expected: "a function name (letters, digits, - and _, up to 64)") { id in
            (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        },
        .logGroup: IDShape(expected: "a log group name (letters, digits and ._-/#, up to 512)") { id in
            (1...512).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/#".contains($0)) }
        },
        .cloudTrailTrail: IDShape(expected: "a trail name (3-128 letters, digits, . _ -)") { id in
            (3...128).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        },
        .autoScalingGroup: IDShape(expected: "an Auto Scaling group name (1-255 letters, digits, spaces and ._-+=@)") { id in
            (1...255).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " ._-+=@".contains($0)) }
        },
        .loadBalancer: IDShape(expected: "a load balancer name (1-32 letters, digits and hyphens)") { id in
            (1...32).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        },
        .secret: IDShape(expected: "a secret name (1-512 letters, digits and /_+=.@-)") { id in
            (1...512).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_+=.@-".contains($0)) }
        },
        .ssmParameter: IDShape(expected: "a parameter name (1-2048 letters, digits and ._-/)") { id in
            (1...2048).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/".contains($0)) }
        },
        .rdsDBInstance: IDShape(expected: "a DB instance identifier (1-63 letters, digits and hyphens, starting with a letter)") { id in
            RDSShape.isIdentifier(id, maxLength: 63)
        },
        .rdsSnapshot: IDShape(expected: "a DB snapshot identifier (letters, digits and hyphens, starting with a letter; rds: for automated ones)") { id in
            RDSShape.isIdentifier(id.hasPrefix("rds:") ? String(id.dropFirst(4)) : id, maxLength: 255)
        },
        .eksCluster: IDShape(expected: "a cluster name (1-100 letters, digits, - and _, starting with a letter or digit)") { id in
            (1...100).contains(id.count) && (id.first!.isLetter || id.first!.isNumber)
                && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        },
        .ecsCluster: IDShape(expected: "a cluster name (1-255 letters, digits, - and _)") { id in
            (1...255).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        },
        .kubernetesWorkload: IDShape(expected: "NAMESPACE/TYPE/NAME, e.g. default/deployment/web") { id in
            let parts = id.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 3 && parts.allSatisfy { (1...253).contains($0.count) }
                && parts.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) } }
        },
        .ecrImage: IDShape(expected: "REPOSITORY@sha256:DIGEST or REPOSITORY:TAG") { id in
            let separator = id.range(of: "@sha256:") ?? id.range(of: ":")
            guard let separator else { return false }
            let repository = id[..<separator.lowerBound], reference = id[separator.upperBound...]
            return (2...256).contains(repository.count) && !reference.isEmpty && reference.count <= 128
                && repository.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-/".contains($0)) }
                && reference.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        },
        .awsAccount: IDShape(expected: "a 12-digit account id") { id in
            id.count == 12 && id.allSatisfy { $0.isASCII && $0.isNumber }
        },
        .awsRootUser: IDShape(expected: "the account's 12-digit id, or arn:aws:iam::ACCOUNT:root") { id in
            id.count == 12 && id.allSatisfy { $0.isASCII && $0.isNumber }
        },
    ]
}

enum RDSShape {
    /// Letters, digits and single hyphens, starting with a letter and not ending with a hyphen.
    static func isIdentifier(_ id: String, maxLength: Int) -> Bool {
        guard (1...maxLength).contains(id.count), let first = id.first, first.isASCII, first.isLetter,
              id.last != "-", !id.contains("--") else { return false }
        return id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}

/// A test that a bare id has the shape AWS gives a kind of resource, and how to describe that shape.
struct IDShape: Sendable {
    var expected: String
    var matches: @Sendable (String) -> Bool

    init(expected: String, matches: @escaping @Sendable (String) -> Bool) {
        self.expected = expected
        self.matches = matches
    }

    /// `prefix` followed by 8 or 17 lowercase hex digits, as EC2 ids are.
    static func awsHexID(prefix: String) -> IDShape {
        IDShape(expected: "\(prefix) followed by 8 or 17 hex digits") { id in
            guard id.hasPrefix(prefix) else { return false }
            let hex = id.dropFirst(prefix.count)
            return (hex.count == 8 || hex.count == 17) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
    }

    /// An IAM name: letters, digits and `+=,.@_-`.
    static func iamName(maxLength: Int) -> IDShape {
        IDShape(expected: "a name of 1-\(maxLength) letters, digits and +=,.@_-") { id in
            (1...maxLength).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }
        }
    }
}

enum S3Shape {
    static func isBucketName(_ name: String) -> Bool {
        guard (3...63).contains(name.count),
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }),
              let first = name.first, let last = name.last,
              first.isLetter || first.isNumber, last.isLetter || last.isNumber,
              !name.contains("..") else { return false }
        return !IPAddressShape.isIPv4(name)
    }
}

enum IPAddressShape {
    static func isIPAddress(_ text: String) -> Bool { isIPv4(text) || isIPv6(text) }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                && Int(part)! <= 255 && !(part.count > 1 && part.hasPrefix("0"))
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}
