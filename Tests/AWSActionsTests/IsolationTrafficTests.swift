@testable import AWSActions
import Foundation
import Testing

/// Is the threat still viable? `action verify` reads an isolated instance's
/// VPC flow-log records from after the isolation (moto: flow logs to
/// CloudWatch Logs, records put in the default format of the VPC User Guide's
/// own examples) and names the peers of any accepted traffic; without flow
/// logs it says it could not check.
@Suite("Traffic after an isolation", .motoServer)
struct IsolationTrafficTests {
    /// An isolated instance (run-1) and its interface and private address.
    static func isolated(_ drill: Drill) throws -> (instance: String, interface: String, address: String, isolatedAt: Int64) {
        let (instance, _) = try drill.seedInstance(interfaces: 1)
        let interface = try drill.aws("ec2", "describe-network-interfaces", "--filters", "Name=attachment.instance-id,Values=\(instance)",
                                      "--query", "NetworkInterfaces[0].NetworkInterfaceId")
        let address = try drill.aws("ec2", "describe-network-interfaces", "--network-interface-ids", interface,
                                    "--query", "NetworkInterfaces[0].PrivateIpAddress")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised", "--region", "us-east-1")
        try drill.firebreakOK("action", "run", "INC-1", "ec2.isolate", instance, "--yes")
        let finished = try #require(try drill.run("run-1")["finishedAt"] as? String)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let at = try #require(formatter.date(from: finished), "\(finished)")
        return (instance, interface, address, Int64(at.timeIntervalSince1970))
    }

    /// A default-format record (version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status).
    static func record(_ interface: String, _ source: String, _ destination: String, _ sourcePort: Int, _ destinationPort: Int,
                       start: Int64, action: String = "ACCEPT") -> String {
        "2 123456789012 \(interface) \(source) \(destination) \(sourcePort) \(destinationPort) 6 20 4249 \(start) \(start + 60) \(action) OK"
    }

    static func put(_ drill: Drill, group: String, stream: String, _ events: [(timestampSeconds: Int64, message: String)]) throws {
        let sorted = events.sorted { $0.timestampSeconds < $1.timestampSeconds }
        let json = "[" + sorted.map { #"{"timestamp": \#($0.timestampSeconds * 1000), "message": "\#($0.message)"}"# }.joined(separator: ",") + "]"
        try drill.aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", stream, "--log-events", json)
    }

    static func trafficCheck(_ report: [String: Any], _ instance: String) throws -> [String: Any] {
        let checks = try #require(report["checks"] as? [[String: Any]])
        return try #require(checks.first { $0["resource"] as? String == instance && $0["traffic"] != nil }?["traffic"] as? [String: Any],
                            "no traffic check in \(checks)")
    }

    @Test func acceptedTrafficAfterTheIsolationIsReportedWithItsPeersAndEarlierRecordsAreNot() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interface, address, isolatedAt) = try Self.isolated(drill)
        // Flow logs on the interface itself (the shared VPC's other instances stay without), to CloudWatch Logs.
        let group = "/vpc/flow-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("logs", "create-log-group", "--log-group-name", group)
        let flowLog = try drill.aws("ec2", "create-flow-logs", "--resource-type", "NetworkInterface", "--resource-ids", interface,
                                    "--traffic-type", "ALL", "--log-group-name", group,
                                    "--deliver-logs-permission-arn", "arn:aws:iam::123456789012:role/flow-logs", "--query", "FlowLogIds[0]")
        let stream = "\(interface)-all"
        try drill.aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", stream)
        // Before the isolation: the exfiltration, a window that began before it and was delivered late, a reject.
        try Self.put(drill, group: group, stream: stream, [
            (isolatedAt - 300, Self.record(interface, address, "203.0.113.77", 51514, 4444, start: isolatedAt - 300)),
            (isolatedAt + 1, Self.record(interface, "198.51.100.200", address, 60001, 22, start: isolatedAt - 30)),
            (isolatedAt + 2, Self.record(interface, "192.0.2.44", address, 49761, 3389, start: isolatedAt + 2, action: "REJECT")),
            (isolatedAt + 3, "2 123456789012 \(interface) - - - - - - - \(isolatedAt + 3) \(isolatedAt + 63) - NODATA"),
        ])
        let quiet = try drill.firebreak("action", "verify", "INC-1", "--json")
        #expect(quiet.status == 0, "\(quiet.stderr)")
        let quietReport = try JSONSerialization.jsonObject(with: Data(quiet.stdout.utf8)) as! [String: Any]
        let quietTraffic = try Self.trafficCheck(quietReport, instance)
        #expect(quietTraffic["verdict"] as? String == "quiet", "\(quietTraffic)")
        #expect((quietTraffic["peers"] as? [Any])?.isEmpty == true)
        #expect(quietTraffic["flowLogs"] as? [String] == [flowLog])

        // After it: the attacker's connection still carried (two windows) and a new inbound session.
        try Self.put(drill, group: group, stream: stream, [
            (isolatedAt + 5, Self.record(interface, address, "203.0.113.77", 51514, 4444, start: isolatedAt + 5)),
            (isolatedAt + 65, Self.record(interface, address, "203.0.113.77", 51514, 4444, start: isolatedAt + 65)),
            (isolatedAt + 10, Self.record(interface, "198.51.100.7", address, 50022, 22, start: isolatedAt + 10)),
        ])
        let broken = try drill.firebreak("action", "verify", "INC-1", "--json")
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("containment no longer holds for \(instance) (run-1 ec2.isolate)"), "\(broken.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as! [String: Any]
        let traffic = try Self.trafficCheck(report, instance)
        #expect(traffic["verdict"] as? String == "accepted")
        let peers = try #require(traffic["peers"] as? [[String: Any]])
        #expect(peers.count == 2, "\(peers)")
        let attacker = try #require(peers.first { $0["address"] as? String == "203.0.113.77" })
        #expect(attacker["port"] as? Int == 4444 && attacker["direction"] as? String == "outbound" && attacker["protocol"] as? String == "tcp")
        #expect(attacker["records"] as? Int == 2, "the record from before the isolation was counted: \(attacker)")
        #expect(attacker["packets"] as? Int == 40 && attacker["bytes"] as? Int == 8498)
        let inbound = try #require(peers.first { $0["address"] as? String == "198.51.100.7" })
        #expect(inbound["port"] as? Int == 22 && inbound["direction"] as? String == "inbound" && inbound["records"] as? Int == 1)
        for earlier in ["198.51.100.200", "192.0.2.44"] { #expect(!peers.contains { $0["address"] as? String == earlier }) }
        // The state check of the same run still holds: the groups are in place, the traffic is what is wrong.
        let checks = try #require(report["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["resource"] as? String == instance && $0["traffic"] == nil && $0["holds"] as? Bool == true })

        // In words, and recorded: each call a step of the verification run.
        let text = try drill.firebreak("action", "verify", "INC-1")
        #expect(text.stdout.contains("BROKEN \(instance) run-1 ec2.isolate traffic: accepted traffic after the isolation"), "\(text.stdout)")
        #expect(text.stdout.contains("203.0.113.77:4444 (outbound tcp, 2 records, 40 packets, 8498 bytes)"))
        #expect(text.stdout.contains("198.51.100.7 → port 22 (inbound tcp, 1 record"))
        let steps = try #require(drill.run(report["runId"] as! String)["steps"] as? [[String: Any]])
        let records = try #require(steps.first { $0["step"] as? String == "run-1 traffic-records" }?["argv"] as? [String])
        #expect(records.contains(group) && records.contains("\(interface)") && records.contains("--start-time"))
    }

}

/// The same without flow logs, on a server of its own (the isolation groups are named after the incident and run).
@Suite("Traffic after an isolation, without flow logs", .motoServer)
struct IsolationWithoutFlowLogsTests {
    @Test func withoutFlowLogsVerifySaysPlainlyItCouldNotCheckTraffic() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, interface, _, _) = try IsolationTrafficTests.isolated(drill)
        let result = try drill.firebreak("action", "verify", "INC-1", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let traffic = try IsolationTrafficTests.trafficCheck(report, instance)
        #expect(traffic["verdict"] as? String == "could-not-check")
        #expect((traffic["summary"] as? String)?.contains("no VPC flow logs cover \(interface)") == true, "\(traffic)")
        let text = try drill.firebreakOK("action", "verify", "INC-1")
        #expect(text.contains("cannot check \(instance) run-1 ec2.isolate traffic: traffic after the isolation could not be checked: no VPC flow logs"), "\(text)")
        // The checklist item is ticked for the containment that holds, and its reason says what was not checked.
        let item = try #require((try drill.incident()["checklist"] as? [[String: Any]])?.first { $0["id"] as? String == "troubleshooting.threat-viable" })
        #expect(item["state"] as? String == "done")
        #expect((item["reason"] as? String)?.contains("traffic after the isolation not checked for \(instance)") == true, "\(item)")
    }
}

/// Flow-log records read by their format: the VPC User Guide's own examples.
@Suite("Flow-log records")
struct FlowLogRecordTests {
    @Test func theGuidesExamplesAreReadByTheDefaultFormat() throws {
        let accepted = try #require(FlowLogRecord(parsing: "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                                                  format: FlowLogRecord.defaultFields))
        #expect(accepted.interfaceID == "eni-1235b8ca123456789" && accepted.sourceAddress == "172.31.16.139" && accepted.destinationAddress == "172.31.16.21")
        #expect(accepted.sourcePort == 20641 && accepted.destinationPort == 22 && accepted.protocolNumber == 6)
        #expect(accepted.packets == 20 && accepted.bytes == 4249 && accepted.start == 1418530010 && accepted.end == 1418530070)
        #expect(accepted.action == "ACCEPT" && accepted.logStatus == "OK")
        let noData = try #require(FlowLogRecord(parsing: "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA",
                                                format: FlowLogRecord.defaultFields))
        #expect(noData.action == nil && noData.sourceAddress == nil && noData.logStatus == "NODATA")
        #expect(FlowLogRecord(parsing: "2 123456789010 eni-1 too few", format: FlowLogRecord.defaultFields) == nil)
        // A custom format, fields in its own order.
        let fields = try #require(FlowLogRecord.fields(of: "${action} ${srcaddr} ${dstaddr} ${dstport} ${start}"))
        let custom = try #require(FlowLogRecord(parsing: "ACCEPT 10.0.0.5 203.0.113.77 443 1700000000", format: fields))
        #expect(custom.action == "ACCEPT" && custom.destinationAddress == "203.0.113.77" && custom.destinationPort == 443 && custom.start == 1700000000)
        #expect(FlowLogRecord.fields(of: "version srcaddr") == nil)
    }
}
