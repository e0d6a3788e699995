import IncidentModel
import Testing

/// The name the CLI is given for a resource named by ARN, `s3://` or `bucket/key`:
/// the wrong one destroys or contains something else.
@Suite("Names inside ARNs: S3 objects, IAM paths, log groups")
struct ResourceNameTests {
    struct Object: Sendable, CustomTestStringConvertible {
        var text: String
        var bucket: String
        var key: String?
        var testDescription: String { text }
    }

    /// Every spelling of an object gives the bucket up to the first '/' and the whole rest as the key.
    @Test(arguments: [
        Object(text: "arn:aws:s3:::spill-bucket/prod-backups/db.sql.gz", bucket: "spill-bucket", key: "prod-backups/db.sql.gz"),
        Object(text: "arn:aws:s3:::spill-bucket/db.sql.gz", bucket: "spill-bucket", key: "db.sql.gz"),
        Object(text: "arn:aws:s3:::spill-bucket/a/b//c/", bucket: "spill-bucket", key: "a/b//c/"),
        Object(text: "arn:aws:s3:::spill-bucket/odd:key=1,x", bucket: "spill-bucket", key: "odd:key=1,x"),
        Object(text: "s3://spill-bucket/prod-backups/db.sql.gz", bucket: "spill-bucket", key: "prod-backups/db.sql.gz"),
        Object(text: "spill-bucket/prod-backups/db.sql.gz", bucket: "spill-bucket", key: "prod-backups/db.sql.gz"),
        Object(text: "s3://spill-bucket", bucket: "spill-bucket", key: nil),
        Object(text: "arn:aws:s3:::spill-bucket", bucket: "spill-bucket", key: nil),
    ])
    func anObjectIsItsBucketAndItsWholeKey(_ example: Object) throws {
        let location = try S3Location(parsing: example.text)
        #expect(location.bucket == example.bucket)
        #expect(location.key == example.key)
        if example.text.hasPrefix("arn:") {
            #expect(try ARN(parsing: example.text).s3Location == location)
        }
    }

    @Test(arguments: ["arn:aws:s3:::spill-bucket/prod-backups/db.sql.gz", "arn:aws:s3:::spill-bucket/db.sql.gz", "s3://spill-bucket/prod-backups/db.sql.gz"])
    func anObjectResourceKeepsItsBucketAndWholeKey(_ text: String) throws {
        let reference = try ResourceIdentifier(parsing: text)
        #expect(reference.kind == .s3Object)
        let resource = Resource(id: text, kind: reference.kind, state: .compromised, addedAt: .now, addedBy: "t")
        let expected = text.hasPrefix("s3://") ? String(text.dropFirst(5)) : String(text.dropFirst("arn:aws:s3:::".count))
        #expect(resource.shortID == expected)
        #expect(try ResourceIdentifier(parsing: text, kind: .s3Object).kind == .s3Object)
    }

    @Test(arguments: ["arn:aws:s3:::spill-bucket/", "arn:aws:s3:::Not_A_Bucket/key", "s3://spill-bucket/", "arn:aws:s3:::ab/key"])
    func anObjectWithoutAKeyOrWithABadBucketIsRefused(_ text: String) {
        #expect(throws: IncidentError.self) { try ResourceIdentifier(parsing: text) }
        #expect(throws: IncidentError.self) { try ResourceIdentifier(parsing: text, kind: .s3Object) }
    }

    struct Named: Sendable, CustomTestStringConvertible {
        var arn: String
        var kind: ResourceKind
        var name: String
        var path: String?
        var testDescription: String { arn }
    }

    @Test(arguments: [
        Named(arn: "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_abc", kind: .iamRole,
              name: "AWSReservedSSO_Admin_abc", path: "/aws-reserved/sso.amazonaws.com/"),
        Named(arn: "arn:aws:iam::123456789012:role/web-role", kind: .iamRole, name: "web-role", path: "/"),
        Named(arn: "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", kind: .iamUser, name: "Bob", path: "/division_abc/subdivision_xyz/"),
        Named(arn: "arn:aws:iam::123456789012:instance-profile/apps/web", kind: .iamInstanceProfile, name: "web", path: "/apps/"),
        Named(arn: "arn:aws:iam::123456789012:group/ops/admins", kind: .iamGroup, name: "admins", path: "/ops/"),
        Named(arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM", kind: .iamPolicy, name: "AmazonEC2RoleforSSM", path: "/service-role/"),
        Named(arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*", kind: .logGroup, name: "/aws/lambda/x", path: nil),
        Named(arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x", kind: .logGroup, name: "/aws/lambda/x", path: nil),
        Named(arn: "arn:aws:logs:us-east-1:123456789012:log-group:app#1:log-stream:s1", kind: .logGroup, name: "app#1", path: nil),
        Named(arn: "arn:aws:sts::123456789012:assumed-role/EC2-Web/i-0123456789abcdef0", kind: .iamRoleSession, name: "EC2-Web/i-0123456789abcdef0", path: nil),
    ])
    func theNameIsTheLastSegmentAndThePathWhatIsBetween(_ example: Named) throws {
        let reference = try ResourceIdentifier(parsing: example.arn)
        #expect(reference.kind == example.kind)
        let arn = try #require(reference.arn)
        #expect(arn.resourceName == example.name)
        #expect(arn.iamPath == example.path)
        #expect(Resource(id: example.arn, kind: example.kind, state: .suspected, addedAt: .now, addedBy: "t").shortID == example.name)
    }

    @Test(arguments: ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/", "arn:aws:iam::123456789012:user/path/bad name",
                      "arn:aws:iam::123456789012:role/p/has|pipe", "arn:aws:logs:us-east-1:123456789012:log-group::*"])
    func aBadNameInsideAnARNIsRefused(_ arn: String) {
        #expect(throws: IncidentError.self) { try ResourceIdentifier(parsing: arn) }
    }
}
