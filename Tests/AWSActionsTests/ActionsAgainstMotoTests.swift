import Foundation
import Testing

/// Every built-in action run through the real binary and the real AWS CLI
/// against moto; each result read back through the CLI, then undone and read back again.
@Suite("Actions against the moto emulator", .motoServer)
struct ActionsAgainstMotoTests {
    /// Two instances of one VPC in one run: they share the VPC's isolation groups
    /// (made once, named after the VPC: names are unique per VPC), both end contained, and undo restores both.
    @Test func isolatingTwoInstancesOfOneVPCInOneRun() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (first, firstInterfaces) = try drill.seedInstance(interfaces: 1)
        let (second, secondInterfaces) = try drill.seedInstance(interfaces: 1)
        for instance in [first, second] { try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised") }
        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", first, second, "--yes")
        #expect(output.contains("run-1: succeeded"), "\(output)")
        for (instance, interfaces) in [(first, firstInterfaces), (second, secondInterfaces)] {
            let now = try drill.aws("ec2", "describe-network-interfaces", "--network-interface-ids", interfaces[0].id,
                                    "--query", "NetworkInterfaces[0].Groups[].GroupName")
            let vpc = try #require(try drill.recorded("run-1", instance)["vpc"] as? String)
            #expect(now.hasSuffix("-create-isolation-group-\(vpc)"), "\(instance) is in \(now)")
            #expect(try drill.resourceState(instance) == "contained")
        }
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.interfaceGroups(first) == [firstInterfaces[0].id: [firstInterfaces[0].group]])
        #expect(try drill.interfaceGroups(second) == [secondInterfaces[0].id: [secondInterfaces[0].group]])
    }

    /// One network interface, through the same per-interface path: both groups
    /// are made and configured before the first swap, the two swaps follow each
    /// other, each interface's own groups are recorded, and undo puts them back.
    @Test func isolateSwapsTwiceRecordsTheOriginalGroupsAndUndoRestoresThem() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interfaces) = try drill.seedInstance(interfaces: 1)
        let (eni, original) = interfaces[0]
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--param", "management-cidr=203.0.113.7/32")
        #expect(output.contains("run-1: succeeded"))

        let groups = try drill.aws("ec2", "describe-network-interfaces", "--network-interface-ids", eni, "--query", "NetworkInterfaces[0].Groups[].GroupId")
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
            "record-vpc", "record-interfaces", "create-transition-group", "open-transition-group", "open-transition-egress-ipv6",
            "create-isolation-group", "revoke-isolation-egress", "allow-management", "tag", "swap-to-transition-group", "swap-to-isolation-group",
            "verify-isolated",
        ])
        #expect(steps.filter { ($0["step"] as! String).hasPrefix("swap-") }.allSatisfy { $0["item"] as? String == eni })
        #expect(steps.allSatisfy { $0["exitCode"] as? Int == 0 && ($0["durationMs"] as? Int ?? -1) >= 0 })
        let recorded = ((run["results"] as! [[String: Any]])[0]["recorded"] as! [String: Any])["interfaces"] as? [[String: Any]]
        #expect(recorded?.count == 1 && recorded?[0]["id"] as? String == eni && recorded?[0]["groups"] as? [String] == [original])
        #expect(try drill.resourceState(instance) == "contained")
        #expect(try drill.checklistState("containment.isolation-security-group") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.interfaceGroups(instance) == [eni: [original]])
        #expect(try drill.run("run-1")["undoneBy"] as? String == "run-2")
        #expect(try drill.resourceState(instance) == "recovered")
        // A second undo of the same run is refused before anything runs.
        let again = try drill.firebreak("action", "undo", "INC-1", "run-1", "--yes")
        #expect(again.status != 0 && again.stderr.contains("already undone"))
    }

    /// Two network interfaces, each on its own group: each is swapped with its
    /// own call and recorded with its own groups; verification reads each
    /// interface; undo gives each its own groups back, not one list for both.
    @Test func anInstanceWithTwoInterfacesIsIsolatedAndRestoredInterfaceByInterface() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        // A VPC of its own: another test of this suite isolates run-1 of its own INC-1, and group names are unique per VPC.
        let (instance, interfaces) = try drill.seedInstance(interfaces: 2, ownVPC: true)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let before = try drill.interfaceGroups(instance)
        #expect(before == [interfaces[0].id: [interfaces[0].group], interfaces[1].id: [interfaces[1].group]])

        let plan = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK("action", "plan", "INC-1", "ec2.isolate", instance, "--json").utf8)) as! [String: Any]
        let swaps = (plan["commands"] as! [[String: Any]]).filter { $0["step"] as? String == "swap-to-isolation-group" }
        // The interfaces are captured by the run, so the plan shows one templated call for each interface.
        #expect(swaps.count == 1 && (swaps[0]["condition"] as? String)?.contains("for each eni of interfaces") == true)

        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes")
        #expect(output.contains("run-1: succeeded"), "\(output)")
        let isolation = try drill.recorded("run-1", instance)["isolation-group"] as! String
        #expect(try drill.interfaceGroups(instance) == [interfaces[0].id: [isolation], interfaces[1].id: [isolation]])
        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        for name in ["swap-to-transition-group", "swap-to-isolation-group", "verify-isolated"] {
            let items = steps.filter { $0["step"] as? String == name }.compactMap { $0["item"] as? String }.sorted()
            #expect(items == interfaces.map(\.id).sorted(), "\(name): \(items)")
        }
        // The transition group is on no interface once the run is done.
        let transition = try drill.recorded("run-1", instance)["transition-group"] as! String
        #expect(try drill.interfaceGroups(instance).values.allSatisfy { !$0.contains(transition) })

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.interfaceGroups(instance) == before)
        let undo = try drill.run("run-2")["steps"] as! [[String: Any]]
        let restores = undo.filter { $0["step"] as? String == "restore-interface-groups" }
        #expect(restores.count == 2)
        for restore in restores {
            let argv = restore["argv"] as! [String]
            let eni = try #require(restore["item"] as? String)
            let own = try #require(interfaces.first { $0.id == eni }?.group)
            #expect(argv.contains(eni) && argv.contains(own) && !argv.contains(interfaces.first { $0.id != eni }!.group))
        }
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
