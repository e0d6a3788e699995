import Foundation
import Testing

/// `ec2.nacl-deny-cidrs` against moto through the real CLI: deny entries at
/// the lowest free rule numbers of the subnet's network ACL, both ways, with
/// the right flag for IPv4 and IPv6; undo removes exactly those entries.
@Suite("ec2.nacl-deny-cidrs against the moto emulator", .motoServer)
struct NetworkACLDenyTests {
    /// An instance in a VPC of its own, and its subnet's network ACL.
    static func seed(_ drill: Drill) throws -> (instance: String, acl: String) {
        let (instance, _) = try drill.seedInstance(interfaces: 1, ownVPC: true)
        let subnet = try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].SubnetId")
        let acl = try drill.aws("ec2", "describe-network-acls", "--filters", "Name=association.subnet-id,Values=\(subnet)",
                                "--query", "NetworkAcls[0].NetworkAclId")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        return (instance, acl)
    }

    /// Every entry of the ACL as "direction number action cidr", sorted.
    static func entries(_ drill: Drill, _ acl: String) throws -> [String] {
        try drill.aws("ec2", "describe-network-acls", "--network-acl-ids", acl, "--query",
                      "NetworkAcls[0].Entries[].join(' ', [Egress && 'out' || 'in', to_string(RuleNumber), RuleAction, CidrBlock || Ipv6CidrBlock])")
            .split(whereSeparator: { $0 == "\t" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
    }

    static func addEntry(_ drill: Drill, _ acl: String, _ direction: String, _ number: Int, _ action: String, _ cidr: String) throws {
        try drill.aws("ec2", "create-network-acl-entry", "--network-acl-id", acl, direction == "out" ? "--egress" : "--ingress",
                      "--rule-number", String(number), "--protocol", "-1", "--rule-action", action, "--cidr-block", cidr)
    }

    @Test func denyEntriesTakeTheLowestFreeNumbersBothWaysAndUndoRemovesOnlyThem() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, acl) = try Self.seed(drill)
        // Someone's entries already hold rule 1 inbound and rule 2 outbound: the next free number in both directions is 3.
        try Self.addEntry(drill, acl, "in", 1, "deny", "192.0.2.1/32")
        try Self.addEntry(drill, acl, "out", 2, "deny", "192.0.2.2/32")
        let before = try Self.entries(drill, acl)

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.nacl-deny-cidrs", instance, "--param", "cidrs=203.0.113.0/24,2001:db8::/32")
        #expect(plan.contains("applies to the whole subnet") && plan.contains("20 entries per direction"), "\(plan)")
        #expect(plan.contains("network ACL \(acl)") && plan.contains("holds 3 inbound and 3 outbound entries"), "\(plan)")

        let output = try drill.firebreakOK("action", "run", "INC-1", "ec2.nacl-deny-cidrs", instance, "--yes",
                                           "--param", "cidrs=203.0.113.0/24,2001:db8::/32")
        #expect(output.contains("run-1: succeeded"), "\(output)")
        let after = try Self.entries(drill, acl)
        #expect(Set(after).subtracting(before) == ["in 3 deny 203.0.113.0/24", "in 4 deny 2001:db8::/32",
                                                   "out 3 deny 203.0.113.0/24", "out 4 deny 2001:db8::/32"], "\(after)")
        // The IPv6 block went in with --ipv6-cidr-block, the IPv4 one with --cidr-block.
        let ipv6 = try drill.aws("ec2", "describe-network-acls", "--network-acl-ids", acl, "--query",
                                 "NetworkAcls[0].Entries[?RuleNumber == `4`].Ipv6CidrBlock")
        #expect(ipv6.split(whereSeparator: \.isWhitespace) == ["2001:db8::/32", "2001:db8::/32"])
        let recorded = try drill.recorded("run-1", instance)["deny-entries"] as? [[String: Any]]
        #expect(recorded?.compactMap { $0["rule"] as? Int } == [3, 4])
        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        #expect(steps.filter { ($0["step"] as? String)?.hasPrefix("deny-") == true }.compactMap { $0["item"] as? String }.sorted()
                == ["3 203.0.113.0/24", "3 203.0.113.0/24", "4 2001:db8::/32", "4 2001:db8::/32"])

        // After the run, someone adds a deny of their own at rule 5; and one of ours is replaced by someone else's.
        try Self.addEntry(drill, acl, "in", 5, "deny", "198.51.100.5/32")
        try drill.aws("ec2", "replace-network-acl-entry", "--network-acl-id", acl, "--egress", "--rule-number", "3", "--protocol", "-1",
                      "--rule-action", "deny", "--cidr-block", "198.51.100.3/32")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        let undone = try Self.entries(drill, acl)
        #expect(undone == (before + ["in 5 deny 198.51.100.5/32", "out 3 deny 198.51.100.3/32"]).sorted(), "\(undone)")
    }

    @Test func refusesBeforeAnyChangeWhenNoRuleNumberIsFreeBelowTheFirstAllowRule() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, acl) = try Self.seed(drill)
        try Self.addEntry(drill, acl, "in", 1, "allow", "10.0.0.0/8")
        try Self.addEntry(drill, acl, "out", 2, "deny", "192.0.2.2/32")
        let before = try Self.entries(drill, acl)
        let result = try drill.firebreak("action", "run", "INC-1", "ec2.nacl-deny-cidrs", instance, "--yes", "--param", "cidrs=203.0.113.0/24")
        #expect(result.status != 0)
        #expect(result.stderr.contains("free rule number") && result.stderr.contains("first allow rule (1)"), "\(result.stderr)")
        #expect(try Self.entries(drill, acl) == before)
        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        #expect(!steps.contains { $0["stage"] as? String == "change" })
    }

    @Test func aBadCIDRListIsRefusedWithOneLine() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        for bad in ["203.0.113.0/33", "2001:db8::/129", "203.0.113.0/24,", "example.com/24", "203.0.113.0/24,203.0.113.0/24"] {
            let result = try drill.firebreak("action", "plan", "INC-1", "ec2.nacl-deny-cidrs", "i-0123456789abcdef0", "--param", "cidrs=\(bad)")
            #expect(result.status != 0 && result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("--param cidrs="), "\(bad): \(result.stderr)")
        }
    }
}
