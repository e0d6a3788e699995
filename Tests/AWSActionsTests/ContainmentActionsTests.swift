import Foundation
import Testing

/// The containment actions beyond the first set, each run through the real
/// binary and CLI against moto, read back, undone and read back again.
@Suite("Containment actions against moto", .motoServer)
struct ContainmentActionsTests {
    @Test func protectTurnsOnTerminationProtectionAndUndoTurnsItOff() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let query = ["ec2", "describe-instance-attribute", "--instance-id", instance, "--attribute", "disableApiTermination",
                     "--query", "DisableApiTermination.Value"]
        #expect(try drill.aws(query) == "False")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.protect", instance, "--yes")
        #expect(try drill.aws(query) == "True")
        let recorded = try drill.recorded("run-1", instance)
        #expect(recorded["previous-protection"] as? Bool == false)
        // Hardening, not containment: the instance is exactly as compromised as before.
        #expect(try drill.resourceState(instance) == "compromised")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(query) == "False")
    }

    @Test func lockMetadataRequiresTokensOrTurnsTheEndpointOffAndUndoRestoresTheOptions() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let query = ["ec2", "describe-instances", "--instance-ids", instance, "--query",
                     "Reservations[0].Instances[0].MetadataOptions.[HttpTokens, HttpEndpoint]"]
        #expect(try drill.aws(query) == "optional\tenabled")

        let bad = try drill.firebreak("action", "run", "INC-1", "ec2.lock-metadata", instance, "--yes", "--param", "endpoint=off")
        #expect(bad.status != 0 && bad.stderr.contains("expected one of enabled, disabled"))

        try drill.firebreakOK("action", "run", "INC-1", "ec2.lock-metadata", instance, "--yes", "--param", "endpoint=disabled")
        #expect(try drill.aws(query) == "required\tdisabled")
        let recorded = try drill.recorded("run-1", instance)["previous-options"] as? [String: Any]
        #expect(recorded?["HttpTokens"] as? String == "optional")
        // IMDSv2 does not revoke credentials already stolen: hardening leaves the state alone.
        #expect(try drill.resourceState(instance) == "compromised")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(query) == "optional\tenabled")
        #expect(try drill.resourceState(instance) == "compromised")
    }

    @Test(arguments: [
        ("ec2.lock-metadata", "i-0123456789abcdef0", "does not revoke role credentials already stolen"),
        ("ec2.protect", "i-0123456789abcdef0", "does not stop Amazon EC2 Auto Scaling terminating it"),
        ("s3.block-public-access", "s3://held-bucket", "nor cross-account access a policy or ACL grants to a named account"),
    ])
    func hardeningPlansSayWhatTheyDoNotStopAndMarkNothingContained(_ action: String, _ resource: String, _ said: String) throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("resource", "add", "INC-1", resource, "--state", "compromised")
        let plan = try drill.firebreakOK("action", "plan", "INC-1", action, resource)
        #expect(plan.contains("(not containment)"))
        #expect(plan.contains("warning: This hardens; it does not contain"))
        #expect(plan.contains(said))
    }

    @Test func quarantineSubnetWarnsAboutTheNeighboursSwapsTheACLAndUndoPutsTheOldOneBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let vpc = try drill.aws("ec2", "create-vpc", "--cidr-block", "10.7.0.0/16", "--query", "Vpc.VpcId")
        let subnet = try drill.aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.7.1.0/24", "--query", "Subnet.SubnetId")
        let instances = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "2", "--instance-type", "t2.micro",
                                      "--subnet-id", subnet, "--query", "Instances[].InstanceId").split(separator: "\t").map(String.init)
        let (compromised, neighbour) = (instances[0], instances[1])
        let aclQuery = ["ec2", "describe-network-acls", "--filters", "Name=association.subnet-id,Values=\(subnet)", "--query", "NetworkAcls[0].NetworkAclId"]
        let originalACL = try drill.aws(aclQuery)
        try drill.firebreakOK("resource", "add", "INC-1", compromised, "--state", "compromised")

        // The plan reads who else lives in the subnet and says so before anyone confirms.
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.quarantine-subnet", compromised)
        #expect(plan.contains("subnet \(subnet) is also home to: \(neighbour)"))
        let planJSON = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK("action", "plan", "INC-1", "ec2.quarantine-subnet", compromised, "--json").utf8)) as! [String: Any]
        #expect((planJSON["warning"] as? String)?.contains(neighbour) == true)

        try drill.firebreakOK("action", "run", "INC-1", "ec2.quarantine-subnet", compromised, "--yes")
        let quarantine = try drill.aws(aclQuery)
        #expect(quarantine != originalACL && quarantine.hasPrefix("acl-"))
        #expect(try drill.aws("ec2", "describe-network-acls", "--network-acl-ids", quarantine, "--query", "length(NetworkAcls[0].Entries[?RuleAction=='allow'])") == "0")
        let recorded = try drill.recorded("run-1", compromised)
        #expect(recorded["original-acl"] as? String == originalACL)
        #expect((recorded["original-association"] as? String)?.hasPrefix("aclassoc-") == true)
        #expect(recorded["neighbours"] as? [String] == [neighbour])
        #expect(try drill.checklistState("containment.restrictive-nacl") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(aclQuery) == originalACL)
        #expect(throws: (any Error).self) { try drill.aws("ec2", "describe-network-acls", "--network-acl-ids", quarantine) }
    }

    @Test func revokeSessionsDeniesTokensIssuedBeforeNowAndUndoRemovesTheDeny() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let role = "app-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        try drill.firebreakOK("resource", "add", "INC-1", role, "--kind", "iam-role", "--state", "compromised")
        let before = Date()
        try drill.firebreakOK("action", "run", "INC-1", "iam.revoke-sessions", role, "--yes")
        let statement = ["iam", "get-role-policy", "--role-name", role, "--policy-name", "firebreak-revoke-older-sessions", "--query"]
        #expect(try drill.aws(statement + ["PolicyDocument.Statement[0].Effect"]) == "Deny")
        let cutoff = try drill.aws(statement + ["PolicyDocument.Statement[0].Condition.DateLessThan.\"aws:TokenIssueTime\""])
        let time = try #require(ISO8601DateFormatter().date(from: cutoff), "\(cutoff) is not RFC 3339")
        #expect(abs(time.timeIntervalSince(before)) < 30)
        #expect(try drill.checklistState("containment.deny-iam") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("iam", "list-role-policies", "--role-name", role, "--query", "length(PolicyNames)") == "0")
    }

    @Test func denyAllOnARoleAndUndo() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let role = "worker-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        try drill.firebreakOK("resource", "add", "INC-1", role, "--kind", "iam-role", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", role, "--yes")
        #expect(try drill.aws("iam", "get-role-policy", "--role-name", role, "--policy-name", "firebreak-deny-all",
                              "--query", "PolicyDocument.Statement[0].[Effect, Action, Resource]") == "Deny\t*\t*")
        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        // The preview's reads (what uses the role) are made again first, so the record holds what was true then.
        #expect(steps.map { $0["step"] as! String } == ["find-instance-profiles", "find-last-used", "deny-role", "verify-role"])
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("iam", "list-role-policies", "--role-name", role, "--query", "length(PolicyNames)") == "0")
    }

    /// IAM takes a name, never a path: every AWS SSO role lives under
    /// `/aws-reserved/sso.amazonaws.com/`, and a user may have a path too.
    @Test func principalsWithAPathAreContainedByName() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "AWSReservedSSO_Admin_\(suffix)", user = "bob-\(suffix)"
        let roleARN = try drill.aws("iam", "create-role", "--role-name", role, "--path", "/aws-reserved/sso.amazonaws.com/",
                                    "--assume-role-policy-document",
                                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                                    "--query", "Role.Arn")
        #expect(roleARN.hasSuffix(":role/aws-reserved/sso.amazonaws.com/\(role)"))
        let userARN = try drill.aws("iam", "create-user", "--user-name", user, "--path", "/division/ops/", "--query", "User.Arn")
        #expect(userARN.hasSuffix(":user/division/ops/\(user)"))
        let key = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        for id in [roleARN, userARN, key] {
            try drill.firebreakOK("resource", "add", "INC-1", id, "--state", "compromised")
        }

        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", roleARN, "--yes")
        try drill.firebreakOK("action", "run", "INC-1", "iam.revoke-sessions", roleARN, "--yes")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", userARN, "--yes")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deactivate-key", key, "--yes")

        #expect(try drill.aws("iam", "get-role-policy", "--role-name", role, "--policy-name", "firebreak-deny-all",
                              "--query", "PolicyDocument.Statement[0].[Effect, Action, Resource]") == "Deny\t*\t*")
        #expect(try drill.aws("iam", "get-role-policy", "--role-name", role, "--policy-name", "firebreak-revoke-older-sessions",
                              "--query", "PolicyDocument.Statement[0].Effect") == "Deny")
        #expect(try drill.aws("iam", "get-user-policy", "--user-name", user, "--policy-name", "firebreak-deny-all",
                              "--query", "PolicyDocument.Statement[0].[Effect, Action, Resource]") == "Deny\t*\t*")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status") == "Inactive")
        for id in [roleARN, userARN, key] { #expect(try drill.resourceState(id) == "contained") }
        // The plan names the role by its name.
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", roleARN)
        #expect(plan.contains("--role-name \(role) "))
        #expect(!plan.contains("--role-name aws-reserved"))
    }
}
