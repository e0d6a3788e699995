import Foundation
import Testing
import FirebreakTestSupport

/// The readiness audit ticks a Readiness item only when every check behind it
/// passed, and a tick never outlives the audit that earned it: a later audit
/// in which a check behind the item fails reopens it. Driven through the real
/// binary with a stand-in `aws` that plays recorded answers (the account: no
/// buckets, its public access block on, then one instance without IMDSv2;
/// every other call refused, so the audit is a mix of pass, fail and could not check).
@Suite("Readiness ticks against recorded answers")
struct ReadinessTickTests {
    @Test func aTickNeedsEveryCheckBehindTheItemAndAFailingAuditReopensIt() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "readiness", "--region", "us-east-1")
        let instances = folder.path("instances.json")
        try #"{"Reservations": []}"#.write(toFile: instances, atomically: true, encoding: .utf8)
        let aws = folder.path("aws")
        try """
            #!/bin/sh
            case "$*" in
              *"ec2 describe-instances"*) cat '\(instances)' ;;
              *"s3api list-buckets"*) echo '{"Buckets": []}' ;;
              *"sts get-caller-identity"*) echo '{"Account": "123456789012", "UserId": "AIDAEXAMPLE", "Arn": "arn:aws:iam::123456789012:user/audit"}' ;;
              *"s3control get-public-access-block"*) echo '{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}' ;;
              *) echo 'An error occurred (AccessDenied) when calling the operation: not allowed' >&2; exit 254 ;;
            esac
            """.write(toFile: aws, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: aws)
        func item(_ id: String) throws -> [String: Any] {
            let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
            return try #require((show["checklist"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        }

        // All three checks behind "Identify risk areas" pass: ticked, and the reason names them.
        let first = try fb.ok("readiness", "INC-1", "--aws-cli", aws)
        #expect(first.contains("ticked readiness.identify-risks"), "\(first)")
        let ticked = try item("readiness.identify-risks")
        #expect(ticked["state"] as? String == "done")
        let reason = try #require(ticked["reason"] as? String)
        #expect(reason.contains("all 3 checks behind it passed"), "\(reason)")
        #expect(reason.contains("ec2.imdsv2") && reason.contains("s3.account-public-access-block"), "\(reason)")
        // Checks that could not run tick nothing.
        #expect(try item("readiness.central-logging")["state"] as? String == "open")

        // A recorded mixed result for the item: two checks pass, IMDSv2 fails on one instance.
        try #"""
            {"Reservations": [{"Instances": [{"InstanceId": "i-0123456789abcdef0", "State": {"Name": "running"},
              "MetadataOptions": {"HttpTokens": "optional", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}, "Tags": []}]}]}
            """#.write(toFile: instances, atomically: true, encoding: .utf8)
        let second = try fb.run("readiness", "INC-1", "--aws-cli", aws, "--json")
        #expect(second.status == 0, "\(second.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let statuses = Set(results.compactMap { $0["status"] as? String })
        #expect(statuses == ["pass", "fail", "could-not-check"], "not a mixed result: \(statuses)")
        #expect(json["ticked"] as? [String] == [])
        #expect((json["reopened"] as? [String])?.contains("readiness.identify-risks") == true, "\(json["reopened"] ?? "")")
        let reopened = try item("readiness.identify-risks")
        #expect(reopened["state"] as? String == "open")
        #expect((reopened["reason"] as? String)?.contains("1 of 3 checks behind it failed (ec2.imdsv2 us-east-1)") == true, "\(reopened)")

        // An item a person ticked is theirs: the failing audit leaves it ticked.
        try fb.ok("check", "INC-1", "readiness.identify-risks")
        _ = try fb.ok("readiness", "INC-1", "--aws-cli", aws)
        #expect(try item("readiness.identify-risks")["state"] as? String == "done")
        #expect(try fb.run("verify", "INC-1").status == 0)
    }
}
