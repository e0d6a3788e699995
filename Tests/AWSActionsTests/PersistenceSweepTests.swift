import Foundation
import Testing

/// `cloudtrail.persistence-sweep` asks CloudTrail, in every region of the
/// incident, for each event name attackers use to stay. moto has no
/// lookup-events: a recorded real-format answer goes through the same
/// definition, executor and log-record parsing.
@Suite("Persistence sweep", .motoServer)
struct PersistenceSweepTests {
    static let eventNames = ["CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "AttachUserPolicy", "PutUserPolicy",
                             "AttachRolePolicy", "PutRolePolicy", "CreateRole", "UpdateAssumeRolePolicy", "CreatePolicyVersion", "CreateFunction",
                             "AddPermission", "PutBucketPolicy", "PutBucketAcl", "StopLogging", "DeleteTrail", "PutEventSelectors", "CreateKeyPair",
                             "ImportKeyPair", "AuthorizeSecurityGroupIngress", "RunInstances"]

    @Test func everyEventNameIsLookedUpInEveryRegionOfTheIncidentAndTheEventsArePrinted() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("open", "--title", "two regions", "--region", "us-east-1", "--region", "eu-west-1")
        try drill.firebreakOK("resource", "add", "INC-2", "123456789012", "--kind", "aws-account")
        let plan = try drill.firebreakOK("action", "plan", "INC-2", "cloudtrail.persistence-sweep", "123456789012", "--param", "since=2025-11-29T08:00:00Z")
        #expect(plan.contains("--region eu-west-1") && plan.contains("--region us-east-1"), "\(plan)")
        let missing = try drill.firebreak("action", "run", "INC-2", "cloudtrail.persistence-sweep", "123456789012", "--yes")
        #expect(missing.status != 0 && missing.stderr.contains("since"), "\(missing.stderr)")

        let cli = try RecordedResponsesCLI(["cloudtrail lookup-events": [RecordedResponsesCLI.fixture("cloudtrail-lookup-events-v1.json")]])
        let output = try drill.firebreakOK("action", "run", "INC-2", "cloudtrail.persistence-sweep", "123456789012", "--yes",
                                           "--param", "since=2025-11-29T08:00:00Z", "--aws-cli", cli.path)
        let calls = cli.calls("cloudtrail lookup-events")
        #expect(calls.count == Self.eventNames.count * 2)
        func value(after flag: String, in call: [String]) -> String? { call.firstIndex(of: flag).map { call[$0 + 1] } }
        for region in ["us-east-1", "eu-west-1"] {
            let asked = calls.filter { value(after: "--region", in: $0) == region }.compactMap { value(after: "--lookup-attributes", in: $0) }
            let names = asked.compactMap { text in
                (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])?.first?["AttributeValue"]
            }
            #expect(Set(names) == Set(Self.eventNames), "\(region): \(names)")
        }
        #expect(calls.allSatisfy { value(after: "--start-time", in: $0) == "2025-11-29T08:00:00Z" })
        #expect(output.contains("RunInstances"), "\(output)")
    }
}
