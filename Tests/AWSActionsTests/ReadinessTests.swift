@testable import AWSActions
import Foundation
import Testing
import FirebreakTestSupport

/// `firebreak readiness` against its own moto server (so the account holds
/// only what this suite seeds): a careless account fails every check, the
/// same account put right passes them, and inside an incident the audit is
/// recorded and ticks the Readiness items; a CLI that is refused everything
/// gives could-not-check answers, never a pass.
@Suite("The readiness audit against moto", .motoServer, .serialized)
struct ReadinessTests {
    @Test func aCarelessAccountFailsAndTheSameAccountPutRightPasses() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "ready-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        let (instance, _) = try drill.seedInstance()
        try drill.aws("iam", "create-user", "--user-name", "deploy-bot")
        let key = try drill.aws("iam", "create-access-key", "--user-name", "deploy-bot", "--query", "AccessKey.AccessKeyId")

        // moto answers s3control (the account-level public access block) only through a proxy.
        let proxied = ["HTTP_PROXY": drill.server.endpoint, "NO_PROXY": "", "no_proxy": ""]
        let careless = try readiness(drill, "--region", "us-east-1", "--json", extra: proxied)
        let expectedFailures: [String: String] = [
            "cloudtrail.logging": "no trail records us-east-1", "guardduty.enabled": "no GuardDuty detector",
            "vpc.flow-logs": "VPCs without flow logs", "ebs.default-encryption": "off",
            "s3.public-access-block": bucket, "tags.owner": instance,
            "iam.access-keys": "\(key) (deploy-bot) never used", "cloudtrail.log-file-validation": "no trail records us-east-1",
            "s3.account-public-access-block": "account 123456789012 has no public access block",
            "ec2.imdsv2": "\(instance) (tokens optional)",
        ]
        for (check, detail) in expectedFailures {
            let result = try #require(careless[check], "no result for \(check)")
            #expect(result["status"] as? String == "fail", "\(check): \(result["detail"] ?? "")")
            #expect((result["detail"] as? String)?.contains(detail) == true, "\(check): \(result["detail"] ?? "")")
            #expect(!(result["evidence"] as! [[String: Any]]).isEmpty, "\(check) carries no evidence")
        }
        #expect((careless["tags.owner"]?["detail"] as? String)?.contains(bucket) == true)
        // Every bucket has been encrypted by default since January 2023: said, never a failure.
        #expect(careless["s3.bucket-encryption"]?["status"] as? String == "pass")
        #expect((careless["s3.bucket-encryption"]?["detail"] as? String)?.hasPrefix("informational: 1 of 1 buckets without a default encryption configuration") == true)
        #expect((careless["s3.bucket-encryption"]?["detail"] as? String)?.contains(bucket) == true)
        let trailEvidence = (careless["cloudtrail.logging"]?["evidence"] as? [[String: Any]])?.first?["argv"] as? [String]
        #expect(trailEvidence?.starts(with: ["cloudtrail", "describe-trails"]) == true)

        // Put it right, through the CLI as an administrator would.
        try drill.aws("cloudtrail", "create-trail", "--name", "org-trail", "--s3-bucket-name", bucket, "--is-multi-region-trail",
                      "--enable-log-file-validation")
        try drill.aws("ec2", "modify-instance-metadata-options", "--instance-id", instance, "--http-tokens", "required", "--http-put-response-hop-limit", "1")
        let block = try TestAWSCLI.run(["s3control", "put-public-access-block", "--account-id", "123456789012",
                                                               "--public-access-block-configuration",
                                                               "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"],
                                  environment: drill.server.environment.merging(proxied) { $1 })
        #expect(block.status == 0, "\(block.stderr)")
        defer {
            _ = try? TestAWSCLI.run(["s3control", "delete-public-access-block", "--account-id", "123456789012"],
                               environment: drill.server.environment.merging(proxied) { $1 })
        }
        try drill.aws("cloudtrail", "start-logging", "--name", "org-trail")
        try drill.aws("guardduty", "create-detector", "--enable")
        for vpc in try drill.aws("ec2", "describe-vpcs", "--query", "Vpcs[].VpcId").split(whereSeparator: \.isWhitespace) {
            try drill.aws("ec2", "create-flow-logs", "--resource-type", "VPC", "--resource-ids", String(vpc), "--traffic-type", "ALL",
                          "--log-destination-type", "s3", "--log-destination", "arn:aws:s3:::\(bucket)")
        }
        try drill.aws("ec2", "enable-ebs-encryption-by-default")
        try drill.aws("s3api", "put-bucket-encryption", "--bucket", bucket, "--server-side-encryption-configuration",
                      #"{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}"#)
        try drill.aws("s3api", "put-public-access-block", "--bucket", bucket, "--public-access-block-configuration",
                      "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true")
        try drill.aws("s3api", "put-bucket-tagging", "--bucket", bucket, "--tagging", #"{"TagSet": [{"Key": "team", "Value": "payments"}]}"#)
        try drill.aws("ec2", "create-tags", "--resources", instance, "--tags", "Key=Owner,Value=web-team")
        try drill.aws("iam", "delete-access-key", "--user-name", "deploy-bot", "--access-key-id", key)

        // Inside the incident: recorded on the timeline, the Readiness items ticked.
        let text = try drill.firebreakOK(["readiness", "INC-1", "--region", "us-east-1"], extra: proxied)
        #expect(text.contains("11 pass, 0 fail, 0 could not check"), "\(text)")
        #expect(text.contains("account 123456789012: all four settings on"))
        #expect(text.contains("trail org-trail is logging every region"))
        for item in ["readiness.central-logging", "readiness.encryption", "readiness.owner-tags", "readiness.least-privilege",
                     "readiness.identify-risks"] {
            #expect(try drill.checklistState(item) == "done", "\(item) not ticked")
        }
        let incident = try drill.incident()
        let recorded = try #require(incident["readiness"] as? [[String: Any]])
        #expect(recorded.count == 11 && recorded.allSatisfy { $0["status"] as? String == "pass" })
        let events = try drill.firebreakOK("events", "INC-1")
        #expect(events.contains("readiness audit (us-east-1): 11 pass, 0 fail, 0 could not check"))
        #expect(try drill.firebreakOK("show", "INC-1").contains("pass  iam.access-keys"))
        #expect(try drill.firebreak("verify", "INC-1").status == 0)
    }

    @Test func aRefusedCLIIsCouldNotCheckAndTicksNothing() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let fake = try FakeCLI(script: """
            echo 'An error occurred (AccessDenied) when calling the DescribeTrails operation: User is not authorized' >&2
            exit 254
            """)
        let result = try drill.firebreak("readiness", "INC-1", "--region", "eu-west-1", "--aws-cli", fake.path)
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 pass, 0 fail, 11 could not check"), "\(result.stdout)")
        #expect(result.stdout.contains("AccessDenied"))
        #expect(try drill.checklistState("readiness.central-logging") == "open")

        // Recorded as it was: an audit that could check nothing.
        let events = try drill.firebreakOK("events", "INC-1")
        #expect(events.contains("readiness audit (eu-west-1): 0 pass, 0 fail, 11 could not check"))

        // Bad input: one line, nothing written.
        let bad = try drill.firebreak("readiness", "INC-1", "--region", "moon-base-1")
        #expect(bad.status != 0 && bad.stderr.contains("is not an AWS region name"))
        let unknown = try drill.firebreak("readiness", "INC-9", "--region", "us-east-1")
        #expect(unknown.status != 0 && unknown.stderr.contains("INC-9"))
        #expect(try drill.firebreakOK("events", "INC-1") == events)
    }

    /// Two accounts: the second reached through its own profile (moto keeps
    /// an account per assumed role), each audited on its own resources.
    @Test func everyAccountOfTheIncidentIsAuditedWithItsProfile() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let credentials = try drill.aws("sts", "assume-role", "--role-arn", "arn:aws:iam::111111111111:role/audit", "--role-session-name", "audit",
                                        "--query", "Credentials.[AccessKeyId, SecretAccessKey, SessionToken]").split(whereSeparator: \.isWhitespace)
        let file = drill.folder.appendingPathComponent("credentials")
        try """
            [audit-111]
            aws_access_key_id = \(credentials[0])
            aws_secret_access_key = \(credentials[1])
            aws_session_token = \(credentials[2])
            """.write(to: file, atomically: true, encoding: .utf8)
        let config = drill.folder.appendingPathComponent("config/firebreak")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "profile.111111111111 = audit-111\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let extra = ["AWS_SHARED_CREDENTIALS_FILE": file.path]
        func inOtherAccount(_ arguments: String...) throws {
            let result = try TestAWSCLI.run(arguments + ["--profile", "audit-111"], environment: drill.server.environment.merging(extra) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
        }
        // A bucket in each account (gone afterwards: the suite's other test audits this moto's home account).
        try drill.aws("s3api", "create-bucket", "--bucket", "home-account-bucket")
        try inOtherAccount("s3api", "create-bucket", "--bucket", "other-account-bucket")
        defer {
            _ = try? drill.aws("s3api", "delete-bucket", "--bucket", "home-account-bucket")
            try? inOtherAccount("s3api", "delete-bucket", "--bucket", "other-account-bucket")
        }

        try drill.firebreakOK("open", "--title", "two accounts", "--region", "us-east-1", "--account", "123456789012", "--account", "111111111111")
        let output = try drill.firebreakOK(["readiness", "INC-2", "--json"], extra: extra)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let encryption = try #require(document["results"] as? [[String: Any]]).filter { $0["check"] as? String == "s3.bucket-encryption" }
        #expect(encryption.count == 2)
        let other = try #require(encryption.first { $0["account"] as? String == "111111111111" })
        let home = try #require(encryption.first { $0["account"] is NSNull })
        #expect((other["detail"] as? String)?.contains("other-account-bucket") == true)
        #expect((other["detail"] as? String)?.contains("home-account-bucket") == false)
        #expect((home["detail"] as? String)?.contains("home-account-bucket") == true)
        let argv = (other["evidence"] as? [[String: Any]])?.first?["argv"] as? [String] ?? []
        #expect(argv.contains("--profile") && argv.contains("audit-111"))
    }

    /// GuardDuty is per region: an incident in two regions with a detector in
    /// only one fails the other, by name, and ticks nothing.
    @Test func guardDutyIsCheckedInEveryRegionOfTheIncident() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.aws("guardduty", "create-detector", "--enable", "--region", "ap-southeast-2")
        try drill.firebreakOK("open", "--title", "two regions", "--region", "ap-southeast-2", "--region", "sa-east-1")
        let output = try drill.firebreakOK("readiness", "INC-2", "--json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let guardDuty = try #require(document["results"] as? [[String: Any]]).filter { $0["check"] as? String == "guardduty.enabled" }
        let byRegion = Dictionary(guardDuty.map { ($0["region"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(byRegion == ["ap-southeast-2": "pass", "sa-east-1": "fail"])
        let items = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK("show", "INC-2", "--json").utf8)) as! [String: Any]
        let central = (items["checklist"] as! [[String: Any]]).first { $0["id"] as? String == "readiness.central-logging" }
        #expect(central?["state"] as? String == "open")
    }

    /// The audit's JSON results by check id.
    private func readiness(_ drill: Drill, _ arguments: String..., extra: [String: String] = [:]) throws -> [String: [String: Any]] {
        let output = try drill.firebreakOK(["readiness"] + arguments, extra: extra)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [[String: Any]])
        return Dictionary(results.map { ($0["check"] as! String, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
