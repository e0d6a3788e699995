import IncidentModel
import Testing

@Suite("Resource ids: kind inference and validation")
struct ResourceIdentifierTests {
    @Test(arguments: [
        ("i-0123456789abcdef0", ResourceKind.ec2Instance),
        ("i-0123abcd", .ec2Instance),
        ("vol-0123456789abcdef0", .ebsVolume),
        ("snap-0123456789abcdef0", .ebsSnapshot),
        ("ami-0123456789abcdef0", .amiImage),
        ("sg-0123456789abcdef0", .securityGroup),
        ("subnet-0123456789abcdef0", .subnet),
        ("vpc-0123abcd", .vpc),
        ("eni-0123456789abcdef0", .networkInterface),
        ("acl-0123456789abcdef0", .networkACL),
        ("AKIAIOSFODNN7EXAMPLE", .iamAccessKey),
        ("ASIAIOSFODNN7EXAMPLE", .iamAccessKey),
        ("1234abcd-12ab-34cd-56ef-1234567890ab", .kmsKey),
        ("mrk-1234abcd12ab34cd56ef1234567890ab", .kmsKey),
        ("198.51.100.7", .ipAddress),
        ("2001:db8::1", .ipAddress),
        ("s3://prod-logs", .s3Bucket),
        ("s3://prod-logs/exports/a.csv", .s3Object),
        ("eipalloc-0123456789abcdef0", .elasticIP),
        ("123456789012", .awsAccount),
    ])
    func infersKindFromBareIDs(_ id: String, _ kind: ResourceKind) throws {
        let reference = try ResourceIdentifier(parsing: id)
        #expect(reference.kind == kind)
        #expect(reference.id == id)
        #expect(reference.arn == nil)
    }

    @Test(arguments: [
        ("prod-logs", ResourceKind.s3Bucket),
        ("prod-logs/key.txt", .s3Object),
        ("alice", .iamUser),
        ("EC2-Web", .iamRole),
        ("alias/prod", .kmsAlias),
        ("Z0123456789ABC", .route53Zone),
        ("Z0123456789ABC/api.example.com/A", .route53Record),
        ("exfil-helper", .lambdaFunction),
        ("/aws/lambda/x", .logGroup),
        ("web-asg", .autoScalingGroup),
        ("my-load-balancer", .loadBalancer),
        ("prod/db-credentials", .secret),
        ("/prod/db/password", .ssmParameter),
        ("prod-db-1", .rdsDBInstance),
        ("rds:prod-db-1-2026-11-30-05-10", .rdsSnapshot),
        ("prod-cluster", .eksCluster),
        ("prod", .ecsCluster),
        ("default/deployment/web", .kubernetesWorkload),
        ("web@sha256:8d0e4bc3f2a1b5c6", .ecrImage),
        ("team/web:v1.2", .ecrImage),
        ("123456789012", .awsRootUser),
    ])
    func acceptsNamesWithAnExplicitKind(_ id: String, _ kind: ResourceKind) throws {
        #expect(try ResourceIdentifier(parsing: id, kind: kind).kind == kind)
    }

    @Test(arguments: [
        ("alice", nil as ResourceKind?, "cannot tell what kind of resource 'alice' is"),
        ("i-XYZ", nil, "cannot tell"),
        ("i-0123456789ABCDEF0", nil, "cannot tell"),
        ("--endpoint-url=http://evil", nil, "starts with '-'"),
        ("-i", .ec2Instance, "starts with '-'"),
        ("i-0123", .ec2Instance, "is not a valid ec2-instance id"),
        ("Prod_Logs", .s3Bucket, "is not a valid s3-bucket id"),
        ("a..b", .s3Bucket, "is not a valid s3-bucket id"),
        ("bob smith", .iamUser, "is not a valid iam-user id"),
        ("AKIA123", .iamAccessKey, "is not a valid iam-access-key id"),
        ("i-0123456789abcdef0\u{1B}]0;pwned\u{7}", nil, "control character"),
        ("", nil, "is empty"),
        ("whatever", .other, "must be given by its ARN"),
        ("whatever", .targetGroup, "must be given by its ARN"),
        ("whatever", .ecsTask, "must be given by its ARN"),
        ("1-db", .rdsDBInstance, "is not a valid rds-db-instance id"),
        ("db--1", .rdsDBInstance, "is not a valid rds-db-instance id"),
        ("12345678901", .awsAccount, "is not a valid aws-account id"),
        ("eipalloc-XYZ", .elasticIP, "is not a valid elastic-ip id"),
        ("default/web", .kubernetesWorkload, "is not a valid kubernetes-workload id"),
        ("arn:aws:rds:us-east-1:123456789012:db:1-bad", nil, "is not a valid rds-db-instance name"),
        ("arn:aws:iam::123456789012:user/bob", .ec2Instance, "is of kind iam-user, not ec2-instance"),
    ])
    func rejectsIDsThatDoNotFitTheirKind(_ id: String, _ kind: ResourceKind?, _ reason: String) {
        #expect {
            try ResourceIdentifier(parsing: id, kind: kind)
        } throws: { error in
            "\(error)".contains(reason) && !"\(error)".contains("\u{1B}")
        }
    }

    @Test func takesRegionAndAccountFromTheARN() throws {
        let reference = try ResourceIdentifier(parsing: "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0")
        #expect(reference.kind == .ec2Instance)
        #expect(reference.region == "eu-west-1")
        #expect(reference.account == "123456789012")
        let global = try ResourceIdentifier(parsing: "arn:aws:iam::aws:policy/AWSDenyAll")
        #expect(global.region == nil)
        #expect(global.account == nil)
    }
}
