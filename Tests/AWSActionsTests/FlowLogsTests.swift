@testable import AWSActions
import Foundation
import Testing

/// flowlogs.enable and flowlogs.query against moto: flow logs created for the
/// instance's interfaces and read back, deleted again by undo; the records of
/// the interfaces' streams (moto does not deliver traffic, so the test writes
/// records in the real flow-log format into the stream the service would use)
/// come back through the catalog and tick the checklist.
@Suite("VPC Flow Logs against moto", .motoServer)
struct FlowLogsTests {
    static let role = "arn:aws:iam::123456789012:role/flow-logs"

    @Test func enableCoversEveryInterfaceAndUndoDeletesTheFlowLogs() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        let interface = try drill.aws("ec2", "describe-instances", "--instance-ids", instance,
                                      "--query", "Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId")
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        let refused = try drill.firebreak("action", "run", "INC-1", "flowlogs.enable", instance, "--yes", "--param", "role=arn:aws:s3:::bucket")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("expected an IAM role ARN"))
        #expect(try drill.aws("ec2", "describe-flow-logs", "--filter", "Name=resource-id,Values=\(interface)", "--query", "length(FlowLogs)") == "0")

        let group = "/firebreak/flow-\(UUID().uuidString.prefix(8).lowercased())"
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "flowlogs.enable", instance, "--param", "role=\(Self.role)", "--param", "log-group=\(group)")
        #expect(plan.contains("create-flow-logs --resource-type NetworkInterface --resource-ids '{interfaces...}'"))
        try drill.firebreakOK("action", "run", "INC-1", "flowlogs.enable", instance, "--yes", "--param", "role=\(Self.role)", "--param", "log-group=\(group)")
        let created = try drill.aws("ec2", "describe-flow-logs", "--filter", "Name=resource-id,Values=\(interface)",
                                    "--query", "FlowLogs[].[LogGroupName, TrafficType, DeliverLogsPermissionArn]")
        #expect(created == "\(group)\tALL\t\(Self.role)")
        let run = try drill.run("run-1")
        #expect(run["status"] as? String == "succeeded")
        let recorded = try drill.recorded("run-1", instance)
        #expect(recorded["interfaces"] as? [String] == [interface])
        let flowLogs = try #require(recorded["flow-logs"] as? [String])
        #expect(flowLogs.count == 1 && flowLogs[0].hasPrefix("fl-"))

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("ec2", "describe-flow-logs", "--filter", "Name=resource-id,Values=\(interface)", "--query", "length(FlowLogs)") == "0")
    }

    @Test func queryReadsTheRecordsOfTheInstanceInterfacesOnly() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        let interface = try drill.aws("ec2", "describe-instances", "--instance-ids", instance,
                                      "--query", "Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId")
        let group = "/firebreak/flow-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("logs", "create-log-group", "--log-group-name", group)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        func put(_ stream: String, _ messages: [String]) throws {
            try drill.aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", stream)
            let events = messages.enumerated().map { #"{"timestamp": \#(now - 5000 + Int64($0.offset)), "message": "\#($0.element)"}"# }
            try drill.aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", stream,
                          "--log-events", "[" + events.joined(separator: ",") + "]")
        }
        // Version 2 default-format records: version account interface src dst srcport dstport protocol packets bytes start end action status.
        let start = now / 1000 - 60
        try put("\(interface)-all", [
            "2 123456789012 \(interface) 10.0.0.5 203.0.113.7 49152 443 6 20 4000 \(start) \(start + 60) ACCEPT OK",
            "2 123456789012 \(interface) 198.51.100.9 10.0.0.5 51000 22 6 3 180 \(start) \(start + 60) REJECT OK",
        ])
        try put("eni-0someoneelse0000-all", ["2 123456789012 eni-0someoneelse0000 10.0.9.9 10.0.0.1 1 2 6 1 40 \(start) \(start + 60) REJECT OK"])
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        let everything = try drill.firebreakOK("action", "run", "INC-1", "flowlogs.query", instance, "--yes",
                                               "--param", "log-group=\(group)", "--param", "since=1h")
        // The records are read in columns, as the log pane shows them.
        #expect(everything.contains("10.0.0.5:49152 -> 203.0.113.7:443") && everything.contains("198.51.100.9:51000 -> 10.0.0.5:22"))
        #expect(!everything.contains("eni-0someoneelse0000"))
        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        let search = try #require(steps.first { $0["step"] as? String == "search-everything" })
        #expect((search["argv"] as? [String])?.contains("\(interface)-all") == true)
        #expect(try drill.checklistState("troubleshooting.flow-logs") == "done")

        let rejected = try drill.firebreakOK("action", "run", "INC-1", "flowlogs.query", instance, "--yes",
                                             "--param", "log-group=\(group)", "--param", "since=1h", "--param", "pattern=REJECT")
        #expect(rejected.contains("198.51.100.9") && !rejected.contains("203.0.113.7"))
    }
}
