@testable import AWSActions
import Foundation
import IncidentModel
import Testing

/// What the CLI is given for a resource: the wrong bucket, key or name acts on something else.
@Suite("Planned resources: the ids and names the CLI is given")
struct PlannedResourceTests {
    static func planned(_ id: String, kind: ResourceKind? = nil) throws -> PlannedResource {
        let reference = try ResourceIdentifier(parsing: id, kind: kind)
        return try PlannedResource(Resource(id: id, kind: reference.kind, state: .compromised, addedAt: .now, addedBy: "t"))
    }

    static func objectValues(_ id: String) throws -> (bucket: String?, key: String?) {
        let kind: ResourceKind? = id.hasPrefix("arn:") || id.hasPrefix("s3://") ? nil : .s3Object
        let values = try planned(id, kind: kind).builtins(incident: try IncidentID(parsing: "INC-1"), run: "run-1", now: .now)
        return (values.object("object-bucket") as? String, values.object("object-key") as? String)
    }

    @Test(arguments: ["arn:aws:s3:::spill-bucket/prod-backups/db.sql.gz", "s3://spill-bucket/prod-backups/db.sql.gz", "spill-bucket/prod-backups/db.sql.gz"])
    func anObjectGivesItsBucketAndWholeKey(_ id: String) throws {
        let values = try Self.objectValues(id)
        #expect(values.bucket == "spill-bucket")
        #expect(values.key == "prod-backups/db.sql.gz")
        #expect(try Self.planned(id, kind: .s3Object).cliID == "spill-bucket/prod-backups/db.sql.gz")
    }

    @Test func anObjectARNWhoseKeyHasNoSlashWorks() throws {
        let values = try Self.objectValues("arn:aws:s3:::spill-bucket/db.sql.gz")
        #expect(values.bucket == "spill-bucket" && values.key == "db.sql.gz")
    }

    /// A Security Hub finding's `AwsS3Object` names the object by ARN: the same split.
    @Test func aFindingsObjectGivesItsBucketAndWholeKey() throws {
        let finding: [String: Any] = [
            "SchemaVersion": "2018-10-08", "Id": "f-1", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/macie",
            "GeneratorId": "macie", "AwsAccountId": "123456789012", "Types": ["Sensitive Data Identifications/PII"],
            "CreatedAt": "2026-03-01T02:51:07.000Z", "UpdatedAt": "2026-03-01T02:51:07.000Z",
            "Severity": ["Label": "HIGH"], "Title": "PII in an object",
            "Resources": [["Type": "AwsS3Object", "Id": "arn:aws:s3:::spill-bucket/prod-backups/db.sql.gz", "Region": "us-east-1"]],
        ]
        let data = try JSONSerialization.data(withJSONObject: ["Findings": [finding]])
        let document = try FindingsDocument.parse(data, source: "sh.json")
        #expect(document.problems.isEmpty, "\(document.problems)")
        let resource = try #require(document.findings.first?.resources.first)
        #expect(resource.reference.kind == .s3Object)
        let values = try Self.objectValues(resource.reference.id)
        #expect(values.bucket == "spill-bucket" && values.key == "prod-backups/db.sql.gz")
    }

    @Test(arguments: [
        ("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_abc", "AWSReservedSSO_Admin_abc"),
        ("arn:aws:iam::123456789012:user/division/ops/bob", "bob"),
        ("arn:aws:iam::123456789012:instance-profile/apps/web", "web"),
        ("arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM", "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM"),
        ("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*", "/aws/lambda/x"),
    ])
    func iamAndLogsNamesAreWhatTheirFlagsTake(_ id: String, _ cliID: String) throws {
        #expect(try Self.planned(id).cliID == cliID)
    }
}
