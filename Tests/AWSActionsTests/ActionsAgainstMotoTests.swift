import Foundation
import Testing

/// Every built-in action run through the real binary and the real AWS CLI
/// against moto; each result read back through the CLI, then undone and read back again.
@Suite("Actions against the moto emulator", .motoServer)
struct ActionsAgainstMotoTests {
    /// Two instances of one VPC in one run: each gets isolation groups of its own
    /// (security group names are unique per VPC), both end contained, and undo restores both.
    @Test func isolatingTwoInstancesOfOneVPCInOneRun() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (first, firstGroup) = try drill.seedInstance()
        let (second, secondGroup) = try drill.seedInstance()
        for instance in [first, second] { try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised") }
        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", first, second, "--yes")
        #expect(output.contains("run-1: succeeded"), "\(output)")
        for (instance, original) in [(first, firstGroup), (second, secondGroup)] {
            let now = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].SecurityGroups[].GroupName")
            #expect(now.hasSuffix("-create-isolation-group-\(instance)"), "\(instance) is in \(now)")
            #expect(try drill.resourceState(instance) == "contained")
            #expect(now != original)
        }
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", first, "--query", "Reservations[0].Instances[0].SecurityGroups[].GroupId") == firstGroup)
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", second, "--query", "Reservations[0].Instances[0].SecurityGroups[].GroupId") == secondGroup)
    }

    @Test func isolateSwapsTwiceRecordsTheOriginalGroupsAndUndoRestoresThem() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, original) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--param", "management-cidr=203.0.113.7/32")
        #expect(output.contains("run-1: succeeded"))

        let groups = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].SecurityGroups[].GroupId")
        #expect(groups != original && groups.hasPrefix("sg-"))
        let egress = try drill.aws("ec2", "describe-security-groups", "--group-ids", groups, "--query", "length(SecurityGroups[0].IpPermissionsEgress)")
        #expect(egress == "0")
        let ingress = try drill.aws("ec2", "describe-security-groups", "--group-ids", groups, "--query", "SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp")
        #expect(ingress == "203.0.113.7/32")
        let tag = try drill.aws("ec2", "describe-tags", "--filters", "Name=resource-id,Values=\(instance)", "Name=key,Values=firebreak-incident", "--query", "Tags[0].Value")
        #expect(tag == "INC-1")

        let run = try drill.run("run-1")
        let steps = run["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step"] as! String } == [
            "record-vpc", "record-groups", "create-transition-group", "open-transition-group", "swap-to-transition-group",
            "create-isolation-group", "revoke-isolation-egress", "allow-management", "swap-to-isolation-group", "tag", "verify-isolated",
        ])
        #expect(steps.allSatisfy { $0["exitCode"] as? Int == 0 && ($0["durationMs"] as? Int ?? -1) >= 0 })
        let recorded = ((run["results"] as! [[String: Any]])[0]["recorded"] as! [String: Any])["original-groups"] as? [String]
        #expect(recorded == [original])
        #expect(try drill.resourceState(instance) == "contained")
        #expect(try drill.checklistState("containment.isolation-security-group") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].SecurityGroups[].GroupId") == original)
        #expect(try drill.run("run-1")["undoneBy"] as? String == "run-2")
        #expect(try drill.resourceState(instance) == "recovered")
        // A second undo of the same run is refused before anything runs.
        let again = try drill.firebreak("action", "undo", "INC-1", "run-1", "--yes")
        #expect(again.status != 0 && again.stderr.contains("already undone"))
    }

    @Test func stopRefusesWithoutASnapshotThenSnapshotStopAndStartAgain() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        let refused = try drill.firebreak("action", "run", "INC-1", "ec2.stop", instance, "--yes")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("run ec2.snapshot first"))
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name") == "running")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.snapshot", instance, "--yes")
        let snapshots = try drill.aws("ec2", "describe-snapshots", "--filters", "Name=tag:firebreak-incident,Values=INC-1",
                                      "Name=tag:firebreak-instance,Values=\(instance)", "--query", "length(Snapshots)")
        #expect(snapshots == "1")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.stop", instance, "--yes")
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name") == "stopped")
        #expect(try drill.checklistState("containment.stop-instances") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-3", "--yes")
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name") == "running")
    }

    @Test func aDryRunUsesTheAPIsDryRunAndChangesNothing() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.stop", instance, "--dry-run", "--force")
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name") == "running")
        let run = try drill.run("run-1")
        #expect(run["dryRun"] as? Bool == true)
        #expect(run["status"] as? String == "succeeded")
        let stop = (run["steps"] as! [[String: Any]]).first { $0["step"] as? String == "stop" }
        #expect((stop?["argv"] as? [String])?.contains("--dry-run") == true)
        #expect(try drill.resourceState(instance) == "compromised")
    }

    @Test func deactivateKeyAndDenyAllThenUndo() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "leaky-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        let key = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user", "--state", "compromised")

        try drill.firebreakOK("action", "run", "INC-1", "iam.deactivate-key", key, "--yes")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status") == "Inactive")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", user, "--yes")
        #expect(try drill.aws("iam", "list-user-policies", "--user-name", user, "--query", "PolicyNames[0]") == "firebreak-deny-all")
        #expect(try drill.aws("iam", "get-user-policy", "--user-name", user, "--policy-name", "firebreak-deny-all", "--query", "PolicyDocument.Statement[0].Effect") == "Deny")

        // Reactivating is asked for explicitly (IdentityContainmentTests: by default the key stays inactive).
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes", "--reactivate")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status") == "Active")
        try drill.firebreakOK("action", "undo", "INC-1", "run-2", "--yes")
        #expect(try drill.aws("iam", "list-user-policies", "--user-name", user, "--query", "length(PolicyNames)") == "0")
    }

    @Test func blockPublicAccessThenUndoRemovesIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "spill-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "s3.block-public-access", bucket, "--yes")
        #expect(try drill.aws("s3api", "get-public-access-block", "--bucket", bucket, "--query", "PublicAccessBlockConfiguration.BlockPublicPolicy") == "True")
        // Public access blocked is not contained: in-account and cross-account grants still reach the bucket.
        #expect(try drill.resourceState(bucket) == "compromised")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.resourceState(bucket) == "compromised")
        #expect(throws: (any Error).self) { try drill.aws("s3api", "get-public-access-block", "--bucket", bucket) }
    }

    @Test func disablingAKeyNeedsTheTypedTextAndUndoEnablesIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let key = try drill.aws("kms", "create-key", "--query", "KeyMetadata.KeyId")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--state", "compromised")
        let refused = try drill.firebreak("action", "run", "INC-1", "kms.disable", key, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("--confirm 'disable \(key)'"))
        let wrong = try drill.firebreak("action", "run", "INC-1", "kms.disable", key, "--yes", "--confirm", "disable")
        #expect(wrong.status != 0)
        #expect(try drill.aws("kms", "describe-key", "--key-id", key, "--query", "KeyMetadata.KeyState") == "Enabled")
        #expect((try drill.incident()["actionRuns"] as! [Any]).isEmpty)

        try drill.firebreakOK("action", "run", "INC-1", "kms.disable", key, "--yes", "--confirm", "disable \(key)")
        #expect(try drill.aws("kms", "describe-key", "--key-id", key, "--query", "KeyMetadata.KeyState") == "Disabled")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("kms", "describe-key", "--key-id", key, "--query", "KeyMetadata.KeyState") == "Enabled")
    }

    @Test func upsertRedirectsARecordAndUndoRestoresTheOldOne() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let domain = "ex\(UUID().uuidString.prefix(6).lowercased()).com"
        let zone = try drill.aws("route53", "create-hosted-zone", "--name", domain, "--caller-reference", UUID().uuidString, "--query", "HostedZone.Id")
            .replacingOccurrences(of: "/hostedzone/", with: "")
        let batch = #"{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"api.\#(domain)","Type":"A","TTL":300,"ResourceRecords":[{"Value":"192.0.2.10"}]}}]}"#
        try drill.aws("route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", batch)
        let record = "\(zone)/api.\(domain)/A"
        try drill.firebreakOK("resource", "add", "INC-1", record, "--kind", "route53-record", "--state", "compromised")
        let query = "ResourceRecordSets[?Name=='api.\(domain).'] | [0].ResourceRecords[0].Value"

        try drill.firebreakOK("action", "run", "INC-1", "route53.upsert", record, "--yes", "--param", "target=198.51.100.99")
        #expect(try drill.aws("route53", "list-resource-record-sets", "--hosted-zone-id", zone, "--query", query) == "198.51.100.99")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("route53", "list-resource-record-sets", "--hosted-zone-id", zone, "--query", query) == "192.0.2.10")
        #expect(try drill.checklistState("containment.route53") == "done")
    }
}
