import IncidentModel
import Testing

@Suite("ARN parsing and kind inference")
struct ARNParsingTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var arn: String
        var kind: ResourceKind
        var service: String
        var region: String
        var account: String
        var testDescription: String { arn }
    }

    static let valid: [Valid] = [
        .init(arn: "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0", kind: .ec2Instance, service: "ec2", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ec2:eu-west-2:123456789012:volume/vol-0a1b2c3d4e5f60718", kind: .ebsVolume, service: "ec2", region: "eu-west-2", account: "123456789012"),
        .init(arn: "arn:aws:ec2:us-west-2::snapshot/snap-0123456789abcdef0", kind: .ebsSnapshot, service: "ec2", region: "us-west-2", account: ""),
        .init(arn: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0", kind: .securityGroup, service: "ec2", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0", kind: .subnet, service: "ec2", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef0", kind: .vpc, service: "ec2", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ec2:us-east-1:123456789012:network-interface/eni-0123456789abcdef0", kind: .networkInterface, service: "ec2", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", kind: .iamUser, service: "iam", region: "", account: "123456789012"),
        .init(arn: "arn:aws:iam::123456789012:role/service-role/EC2-Web", kind: .iamRole, service: "iam", region: "", account: "123456789012"),
        .init(arn: "arn:aws:iam::aws:policy/AWSDenyAll", kind: .iamPolicy, service: "iam", region: "", account: "aws"),
        .init(arn: "arn:aws:iam::123456789012:instance-profile/web", kind: .iamInstanceProfile, service: "iam", region: "", account: "123456789012"),
        .init(arn: "arn:aws:sts::123456789012:assumed-role/EC2-Web/i-0123456789abcdef0", kind: .iamRoleSession, service: "sts", region: "", account: "123456789012"),
        .init(arn: "arn:aws:s3:::prod-logs", kind: .s3Bucket, service: "s3", region: "", account: ""),
        .init(arn: "arn:aws:s3:::prod-logs/2026/11/export.csv", kind: .s3Object, service: "s3", region: "", account: ""),
        .init(arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", kind: .kmsKey, service: "kms", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:kms:us-east-1:123456789012:alias/prod", kind: .kmsAlias, service: "kms", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ", kind: .route53Zone, service: "route53", region: "", account: ""),
        .init(arn: "arn:aws:lambda:us-east-1:123456789012:function:exfil-helper", kind: .lambdaFunction, service: "lambda", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:lambda:us-east-1:123456789012:function:exfil-helper:PROD", kind: .lambdaFunction, service: "lambda", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x", kind: .logGroup, service: "logs", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-0123456789abcdef0", kind: .ec2Instance, service: "ec2", region: "us-gov-west-1", account: "123456789012"),
        .init(arn: "arn:aws-cn:s3:::cn-bucket", kind: .s3Bucket, service: "s3", region: "", account: ""),
        .init(arn: "arn:aws:sqs:us-east-1:123456789012:queue-name", kind: .other, service: "sqs", region: "us-east-1", account: "123456789012"),
        // Examples from each service's ARN documentation.
        .init(arn: "arn:aws:iam::123456789012:root", kind: .awsRootUser, service: "iam", region: "", account: "123456789012"),
        .init(arn: "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:8f3e2b1a-1c2d-4e5f-8a9b-0c1d2e3f4a5b:autoScalingGroupName/web-asg", kind: .autoScalingGroup, service: "autoscaling", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/my-load-balancer/50dc6c495c0c9188", kind: .loadBalancer, service: "elasticloadbalancing", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/my-classic-lb", kind: .loadBalancer, service: "elasticloadbalancing", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067", kind: .targetGroup, service: "elasticloadbalancing", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0123456789abcdef0", kind: .elasticIP, service: "ec2", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", kind: .secret, service: "secretsmanager", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password", kind: .ssmParameter, service: "ssm", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:rds:us-east-1:123456789012:db:prod-db-1", kind: .rdsDBInstance, service: "rds", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:rds:us-east-1:123456789012:snapshot:rds:prod-db-1-2026-11-30-05-10", kind: .rdsSnapshot, service: "rds", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:eks:us-east-1:123456789012:cluster/prod-cluster", kind: .eksCluster, service: "eks", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod", kind: .ecsCluster, service: "ecs", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ecs:us-east-1:123456789012:task/prod/1234567890abcdef0123456789abcdef", kind: .ecsTask, service: "ecs", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ecr:us-east-1:123456789012:repository/web/sha256:8d0e4bc3f2a1b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0", kind: .ecrImage, service: "ecr", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:ecr:us-east-1:123456789012:repository/web", kind: .other, service: "ecr", region: "us-east-1", account: "123456789012"),
        .init(arn: "arn:aws:organizations::111111111111:account/o-exampleorgid/123456789012", kind: .awsAccount, service: "organizations", region: "", account: "111111111111"),
    ]

    @Test(arguments: [
        ("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:8f3e2b1a-1c2d-4e5f-8a9b-0c1d2e3f4a5b:autoScalingGroupName/web-asg", "web-asg"),
        ("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/my-load-balancer/50dc6c495c0c9188", "my-load-balancer"),
        ("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/my-classic-lb", "my-classic-lb"),
        ("arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password", "/prod/db/password"),
        ("arn:aws:ssm:us-east-1:123456789012:parameter/MyParameter", "MyParameter"),
        ("arn:aws:rds:us-east-1:123456789012:db:prod-db-1", "prod-db-1"),
        ("arn:aws:eks:us-east-1:123456789012:cluster/prod-cluster", "prod-cluster"),
        ("arn:aws:iam::123456789012:root", "123456789012"),
        ("arn:aws:organizations::111111111111:account/o-exampleorgid/123456789012", "123456789012"),
    ])
    func namesTheResourceAsTheCLITakesIt(_ text: String, _ name: String) throws {
        #expect(try ARN(parsing: text).resourceName == name)
    }

    @Test(arguments: valid)
    func parsesRealARNShapes(_ example: Valid) throws {
        let arn = try ARN(parsing: example.arn)
        #expect(arn.kind == example.kind)
        #expect(arn.service == example.service)
        #expect(arn.region == example.region)
        #expect(arn.account == example.account)
        #expect(arn.description == example.arn)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var text: String
        var reason: String
        var testDescription: String { text }
    }

    static let malformed: [Malformed] = [
        .init(text: "aws:ec2:us-east-1:123456789012:instance/i-0123", reason: "must start with 'arn:'"),
        .init(text: "arn:aws:ec2:us-east-1:123456789012", reason: "has 5 parts; expected 6"),
        .init(text: "arn:aws", reason: "has 2 parts"),
        .init(text: "arn::ec2:us-east-1:123456789012:instance/i-1", reason: "the partition is empty"),
        .init(text: "arn:amazon:ec2:us-east-1:123456789012:instance/i-1", reason: "unknown partition 'amazon'"),
        .init(text: "arn:aws::us-east-1:123456789012:instance/i-1", reason: "the service is empty"),
        .init(text: "arn:aws:EC2:us-east-1:123456789012:instance/i-1", reason: "service 'EC2' is not a service name"),
        .init(text: "arn:aws:ec2:useast1:123456789012:instance/i-1", reason: "region 'useast1' is not a region name"),
        .init(text: "arn:aws:ec2:us-east-1:12345:instance/i-1", reason: "account '12345' must be 12 digits"),
        .init(text: "arn:aws:ec2:us-east-1:12345678901a:instance/i-1", reason: "must be 12 digits"),
        .init(text: "arn:aws:ec2:us-east-1:123456789012:", reason: "the resource part is empty"),
        .init(text: "arn:aws:iam::123456789012:user/bob\u{1B}[2J", reason: "control character"),
        .init(text: "arn:aws:iam::123456789012:user/bob smith", reason: "whitespace"),
        // Only an S3 object's key may hold a space; a bucket name never does.
        .init(text: "arn:aws:s3:::my bucket/key", reason: "whitespace"),
        .init(text: "arn:aws:s3:::bucket/key\u{07} with bell", reason: "control character"),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedARNsWithAReason(_ example: Malformed) {
        #expect {
            try ARN(parsing: example.text)
        } throws: { error in
            let message = "\(error)"
            return message.contains(example.reason) && message.hasPrefix("malformed ARN")
                && !message.contains("\u{1B}")
        }
    }

    @Test func s3ObjectKeysMayHoldSpaces() throws {
        // S3 keys are any UTF-8; the object ARN is the bucket up to the first `/` and then the whole key.
        let arn = try ARN(parsing: "arn:aws:s3:::spill-bucket/Quarterly Reports/Q3 2026 final.xlsx")
        #expect(arn.kind == .s3Object)
        let object = try S3Location(parsing: arn.description)
        #expect(object.bucket == "spill-bucket" && object.key == "Quarterly Reports/Q3 2026 final.xlsx")
        let resource = try ResourceIdentifier(parsing: "arn:aws:s3:::spill-bucket/Quarterly Reports/Q3 2026 final.xlsx")
        #expect(resource.kind == .s3Object)
    }

    @Test func typeAndIDSplitsOnSlashOrColon() throws {
        #expect(try ARN(parsing: "arn:aws:iam::123456789012:user/path/bob").typeAndID == ("user", "path/bob"))
        #expect(try ARN(parsing: "arn:aws:lambda:us-east-1:123456789012:function:f").typeAndID == ("function", "f"))
        #expect(try ARN(parsing: "arn:aws:s3:::bucket").typeAndID == (nil, "bucket"))
    }
}
