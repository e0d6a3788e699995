import Foundation
import IncidentModel
import Testing

/// Isolating many instances costs about what one costs: the instances of one
/// VPC share the two groups (each made and configured once), one
/// `describe-instances` records every instance, and undo still gives every
/// interface its own groups back. (In the batching suite: its moto server.)
extension BatchingTests {
    @Test func threeInstancesOfOneVPCShareTheGroupsAndOneReadRecordsThemAll() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let octet = Int.random(in: 1...250)
        let vpc = try drill.aws("ec2", "create-vpc", "--cidr-block", "10.\(octet).0.0/16", "--query", "Vpc.VpcId")
        let subnet = try drill.aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.\(octet).1.0/24", "--query", "Subnet.SubnetId")
        let instances = try drill.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--count", "3", "--instance-type", "t2.micro",
                                      "--subnet-id", subnet, "--query", "Instances[].InstanceId").split(separator: "\t").map(String.init)
        #expect(instances.count == 3)
        var before: [String: [String: [String]]] = [:]
        for instance in instances {
            try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
            before[instance] = try drill.interfaceGroups(instance)
        }
        let output = try drill.firebreakOK(["action", "run", "INC-1", "ec2.isolate", "--yes", "--param", "management-cidr=203.0.113.7/32"] + instances)
        #expect(output.contains("run-1: succeeded"), "\(output)")

        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        // The calls made (a record with an argv); per-resource records of a batched answer have none.
        func calls(_ name: String) -> [[String: Any]] {
            steps.filter { $0["step"] as? String == name && !(($0["argv"] as? [String]) ?? []).isEmpty }
        }
        for name in ["record-vpc", "record-interfaces", "create-transition-group", "open-transition-group", "open-transition-egress-ipv6",
                     "create-isolation-group", "revoke-isolation-egress", "allow-management", "tag"] {
            #expect(calls(name).count == 1, "\(name): \(calls(name).count) calls")
            #expect(Set(calls(name).first?["batch"] as? [String] ?? []) == Set(instances), "\(name) covers every instance")
        }
        #expect(calls("swap-to-transition-group").count == 3 && calls("swap-to-isolation-group").count == 3)

        // Every instance recorded its own VPC and interfaces, in the finish and in its own step records.
        let isolation = try #require(try drill.recorded("run-1", instances[0])["isolation-group"] as? String)
        for instance in instances {
            let recorded = try drill.recorded("run-1", instance)
            #expect(recorded["vpc"] as? String == vpc)
            let interfaces = try #require(recorded["interfaces"] as? [[String: Any]])
            let own = try #require(before[instance])
            #expect(Dictionary(uniqueKeysWithValues: interfaces.map { ($0["id"] as! String, $0["groups"] as! [String]) }) == own)
            #expect(recorded["isolation-group"] as? String == isolation)
            #expect(try drill.interfaceGroups(instance).values.allSatisfy { $0 == [isolation] })
            // A run that never finished is undone from its step records: each instance has its own records of
            // what the batched reads answered for it (no argv: no call of its own), which `ActionRun.captures(for:)` reads.
            for name in ["record-vpc", "record-interfaces"] {
                let own = steps.filter { $0["step"] as? String == name && $0["resource"] as? String == instance && (($0["argv"] as? [String]) ?? []).isEmpty }
                #expect(own.count == 1 && own.first?["outcome"] as? String == "succeeded", "\(name) for \(instance)")
            }
            let vpcRecord = steps.first { $0["step"] as? String == "record-vpc" && $0["resource"] as? String == instance && (($0["argv"] as? [String]) ?? []).isEmpty }
            #expect(vpcRecord?["stdout"] as? String == "\"\(vpc)\"")
        }
        let groupName = try drill.aws("ec2", "describe-security-groups", "--group-ids", isolation, "--query", "SecurityGroups[0].GroupName")
        #expect(groupName.hasSuffix("-create-isolation-group-\(vpc)"), "\(groupName)")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        for instance in instances { #expect(try drill.interfaceGroups(instance) == before[instance]) }
        let undo = try drill.run("run-2")["steps"] as! [[String: Any]]
        #expect(undo.filter { $0["step"] as? String == "restore-interface-groups" }.count == 3)
        #expect(undo.filter { $0["step"] as? String == "delete-isolation-group" }.count == 1)
        #expect(throws: (any Error).self) { try drill.aws("ec2", "describe-security-groups", "--group-ids", isolation) }
    }
}
