import Foundation
import Testing

/// Evidence before isolation: the isolation plan says, per instance, when no
/// memory capture succeeded for it in this incident, and isolation can keep
/// TCP 443 out to one CIDR open for a capture still to finish.
@Suite("ec2.isolate and evidence", .motoServer)
struct IsolationEvidenceTests {
    static let missing = "no ec2.capture-memory run succeeded for it in this incident"

    @Test func thePlanSaysPerInstanceWhenNoMemoryCaptureSucceeded() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (captured, _) = try drill.seedInstance(interfaces: 1)
        let (uncaptured, _) = try drill.seedInstance(interfaces: 1)
        for instance in [captured, uncaptured] { try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised") }
        // A site's ec2.capture-memory (the real one sends an SSM command; what counts here is a successful run of that id).
        let actions = drill.folder.appendingPathComponent("config/firebreak/actions")
        try FileManager.default.createDirectory(at: actions, withIntermediateDirectories: true)
        try #"""
        {"id": "ec2.capture-memory", "phase": "containment", "kinds": ["ec2-instance"], "summary": "capture", "risk": "read-only",
         "steps": [{"name": "read", "argv": ["ec2", "describe-instances", "--instance-ids", "{resource}"]}]}
        """#.write(to: actions.appendingPathComponent("capture.json"), atomically: true, encoding: .utf8)

        let before = try drill.firebreakOK("action", "plan", "INC-1", "ec2.isolate", captured, uncaptured)
        #expect(before.contains("\(captured): \(Self.missing)") && before.contains("\(uncaptured): \(Self.missing)"), "\(before)")
        // A dry run captures nothing: it does not count.
        try drill.firebreakOK("action", "run", "INC-1", "ec2.capture-memory", captured, "--dry-run")
        #expect(try drill.firebreakOK("action", "plan", "INC-1", "ec2.isolate", captured).contains(Self.missing))

        try drill.firebreakOK("action", "run", "INC-1", "ec2.capture-memory", captured, "--yes")
        let after = try drill.firebreakOK("action", "plan", "INC-1", "ec2.isolate", captured, uncaptured, "--json")
        let plan = try JSONSerialization.jsonObject(with: Data(after.utf8)) as! [String: Any]
        let warning = try #require(plan["warning"] as? String)
        #expect(!warning.contains("\(captured): \(Self.missing)") && warning.contains("\(uncaptured): \(Self.missing)"), "\(warning)")
    }

    @Test func evidenceEgressKeepsOnlyTCP443ToThatCIDROpen() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interfaces) = try drill.seedInstance(interfaces: 1)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--param", "evidence-egress-cidr=10.0.5.0/24")
        let group = try drill.aws("ec2", "describe-network-interfaces", "--network-interface-ids", interfaces[0].id, "--query", "NetworkInterfaces[0].Groups[].GroupId")
        let egress = try drill.aws("ec2", "describe-security-groups", "--group-ids", group, "--query",
                                   "SecurityGroups[0].IpPermissionsEgress[].join(' ', [IpProtocol, to_string(FromPort), to_string(ToPort), join(',', IpRanges[].CidrIp)])")
        #expect(egress == "tcp 443 443 10.0.5.0/24")
        // Once the capture is done, ec2.close-evidence-egress revokes that rule, and only it; undo puts it back.
        try drill.firebreakOK("action", "run", "INC-1", "ec2.close-evidence-egress", instance, "--yes", "--param", "evidence-egress-cidr=10.0.5.0/24")
        #expect(try drill.aws("ec2", "describe-security-groups", "--group-ids", group, "--query", "length(SecurityGroups[0].IpPermissionsEgress)") == "0")
        #expect(try drill.interfaceGroups(instance) == [interfaces[0].id: [group]])
        try drill.firebreakOK("action", "undo", "INC-1", "run-2", "--yes")
        #expect(try drill.aws("ec2", "describe-security-groups", "--group-ids", group, "--query",
                              "SecurityGroups[0].IpPermissionsEgress[].join(' ', [IpProtocol, to_string(FromPort), to_string(ToPort), join(',', IpRanges[].CidrIp)])")
                == "tcp 443 443 10.0.5.0/24")
        // Without the parameter, the isolation group has no egress at all.
        let (other, otherInterfaces) = try drill.seedInstance(interfaces: 1)
        try drill.firebreakOK("resource", "add", "INC-1", other, "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", other, "--yes")
        // With nothing left open, closing refuses before any change.
        let nothing = try drill.firebreak("action", "run", "INC-1", "ec2.close-evidence-egress", other, "--yes", "--param", "evidence-egress-cidr=10.0.5.0/24")
        #expect(nothing.status != 0 && nothing.stderr.contains("no group of this incident"), "\(nothing.stderr)")
        let sealed = try drill.aws("ec2", "describe-network-interfaces", "--network-interface-ids", otherInterfaces[0].id, "--query", "NetworkInterfaces[0].Groups[].GroupId")
        #expect(try drill.aws("ec2", "describe-security-groups", "--group-ids", sealed, "--query", "length(SecurityGroups[0].IpPermissionsEgress)") == "0")
    }
}
