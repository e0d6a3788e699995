import Foundation
import IncidentModel

/// Is the threat still viable after an isolation? Reads the isolated
/// instance's VPC flow-log records from after the isolation and reports any
/// accepted traffic, naming the peers; without flow logs it says it could not check.
///
/// Swapping security groups does not end every connection (AWS keeps tracked
/// connections, ICMP and flows through NAT gateways, load balancers and the
/// like), so a group read back in place is not proof that nothing gets through.
/// The records are found through the instance's interfaces: the flow logs of
/// the interfaces, their subnets and their VPC (`ec2 describe-flow-logs`),
/// then, per CloudWatch Logs group and interface, `logs filter-log-events`
/// on the interface's stream (`eni-…`, as VPC Flow Logs names it) for `ACCEPT`
/// records, read by the flow log's own format. A record counts when its capture
/// window starts at or after the isolation (the run's finish); earlier windows
/// are fetched too (a window lasts up to 10 minutes and may be delivered late)
/// and left out.
///
/// ```swift
/// let check = IsolationTrafficCheck { step, arguments in try runner.run(arguments, region: "us-east-1") }
/// let found = check.check(target)   // .accepted with peers, .quiet, or .couldNotCheck
/// ```
public struct IsolationTrafficCheck {
    /// The actions whose runs are checked this way.
    public static let actions: Set<String> = ["ec2.isolate"]
    /// How long before the isolation records are fetched (the longest aggregation window).
    static let fetchMargin: TimeInterval = 600

    /// One isolation to check: the run, the instance, when it took effect.
    public struct Target: Sendable, Equatable {
        public var runID: String
        public var action: String
        public var instance: String
        public var region: String?
        public var since: Date

        public init(runID: String, action: String, instance: String, region: String?, since: Date) {
            self.runID = runID
            self.action = action
            self.instance = instance
            self.region = region
            self.since = since
        }
    }

    /// Makes one read-only call (`step` names it: `traffic-interfaces`, `traffic-flow-logs`, `traffic-records`)
    /// and returns what it printed, or throws its failure.
    public var call: (_ step: String, _ arguments: [String]) throws -> String

    public init(call: @escaping (_ step: String, _ arguments: [String]) throws -> String) {
        self.call = call
    }

    /// Every isolation of `runs` still in force, one per instance it succeeded on.
    public static func targets(in state: IncidentState, runs: [(run: ActionRun, definition: ActionDefinition)]) -> [Target] {
        runs.filter { actions.contains($0.definition.id) }.flatMap { run, definition in
            run.results.filter { $0.status == .succeeded && run.undoneResources[$0.resource] == nil }.map { result in
                Target(runID: run.runID, action: definition.id, instance: result.resource,
                       region: state.resources.first { $0.id == result.resource }?.region, since: run.finishedAt ?? run.startedAt)
            }
        }
    }

    struct Interface {
        var id: String
        var subnet: String?
        var vpc: String?
        var addresses: [String]
    }

    struct FlowLog {
        var id: String
        var destinationType: String?
        var group: String?
        var destination: String?
        var format: String?
        var traffic: String?
    }

    public func check(_ target: Target) -> TrafficAfterIsolation {
        let since = target.since
        func unchecked(_ why: String) -> TrafficAfterIsolation {
            TrafficAfterIsolation(verdict: .couldNotCheck, peers: [], flowLogs: [], since: since,
                                  summary: "traffic after the isolation could not be checked: \(why)")
        }
        let interfaces: [Interface]
        do {
            let output = try call("traffic-interfaces", [
                "ec2", "describe-network-interfaces", "--filters", "Name=attachment.instance-id,Values=\(target.instance)",
                "--query", "NetworkInterfaces[].{id:NetworkInterfaceId,subnet:SubnetId,vpc:VpcId,addresses:PrivateIpAddresses[].PrivateIpAddress,ipv6:Ipv6Addresses[].Ipv6Address}"])
            interfaces = Self.objects(output).compactMap { object in
                guard let id = object["id"] as? String else { return nil }
                return Interface(id: id, subnet: object["subnet"] as? String, vpc: object["vpc"] as? String,
                                 addresses: (object["addresses"] as? [String] ?? []) + (object["ipv6"] as? [String] ?? []))
            }
        } catch {
            return unchecked("its network interfaces could not be read (\(Self.line(error)))")
        }
        guard !interfaces.isEmpty else { return unchecked("no network interface is attached to \(target.instance)") }
        var resources: [String] = []
        for id in interfaces.flatMap({ [$0.id, $0.subnet, $0.vpc].compactMap { $0 } }) where !resources.contains(id) { resources.append(id) }

        let flowLogs: [FlowLog]
        do {
            let output = try call("traffic-flow-logs", [
                "ec2", "describe-flow-logs", "--filter", "Name=resource-id,Values=\(resources.joined(separator: ","))",
                "--query", "FlowLogs[].{id:FlowLogId,type:LogDestinationType,group:LogGroupName,destination:LogDestination,format:LogFormat,traffic:TrafficType}"])
            flowLogs = Self.objects(output).compactMap { object in
                guard let id = object["id"] as? String else { return nil }
                return FlowLog(id: id, destinationType: object["type"] as? String, group: object["group"] as? String,
                               destination: object["destination"] as? String, format: object["format"] as? String, traffic: object["traffic"] as? String)
            }
        } catch {
            return unchecked("the flow logs of \(resources.joined(separator: ", ")) could not be listed (\(Self.line(error)))")
        }
        guard !flowLogs.isEmpty else {
            return unchecked("no VPC flow logs cover \(resources.joined(separator: ", ")) (flowlogs.enable turns them on, for what happens next)")
        }
        // Readable: delivered to CloudWatch Logs, accepted traffic logged, a format naming the action and both addresses.
        let readable = flowLogs.compactMap { log -> (FlowLog, [String])? in
            guard log.destinationType == nil || log.destinationType == "cloud-watch-logs", log.group != nil, log.traffic != "REJECT",
                  let fields = FlowLogRecord.fields(of: log.format ?? FlowLogRecord.defaultFormat),
                  ["action", "srcaddr", "dstaddr"].allSatisfy(fields.contains) else { return nil }
            return (log, fields)
        }
        guard !readable.isEmpty else {
            let described = flowLogs.map { "\($0.id) to \($0.destinationType ?? "?")\($0.traffic.map { ", \($0) traffic" } ?? "")" }
            return unchecked("its flow logs (\(described.joined(separator: "; "))) are not in CloudWatch Logs with accepted traffic, srcaddr, dstaddr and action, which Firebreak reads")
        }

        let own = Set(interfaces.flatMap(\.addresses))
        let sinceSeconds = Int64(since.timeIntervalSince1970.rounded(.down))
        let startMs = Int64((since.timeIntervalSince1970 - Self.fetchMargin) * 1000)
        var peers: [String: TrafficAfterIsolation.Peer] = [:]
        var failures: [String] = []
        var read: [String] = []
        var groupsRead = Set<String>()
        for (log, fields) in readable {
            guard let group = log.group, groupsRead.insert(group + "\u{0}" + fields.joined(separator: " ")).inserted else { continue }
            read.append(log.id)
            for interface in interfaces {
                let output: String
                do {
                    output = try call("traffic-records", [
                        "logs", "filter-log-events", "--log-group-name", group, "--log-stream-name-prefix", interface.id,
                        "--start-time", String(startMs), "--filter-pattern", "ACCEPT", "--query", "events[].[timestamp,message]"])
                } catch {
                    failures.append("\(group) \(interface.id): \(Self.line(error))")
                    continue
                }
                for event in Self.array(output) {
                    guard let pair = event as? [Any], pair.count == 2, let message = pair[1] as? String,
                          let record = FlowLogRecord(parsing: message, format: fields), record.action == "ACCEPT",
                          record.interfaceID == nil || record.interfaceID == interface.id else { continue }
                    let windowStart = record.start ?? ((pair[0] as? NSNumber)?.int64Value).map { $0 / 1000 }
                    guard let windowStart, windowStart >= sinceSeconds else { continue }
                    let outbound = record.sourceAddress.map(own.contains) == true
                    guard let address = outbound ? record.destinationAddress : record.sourceAddress else { continue }
                    let port = record.destinationPort
                    let name = FlowLogRecord.protocolName(record.protocolNumber)
                    let key = "\(outbound) \(address) \(port ?? -1) \(name)"
                    var peer = peers[key] ?? TrafficAfterIsolation.Peer(address: address, port: port, protocolName: name,
                                                                         direction: outbound ? .outbound : .inbound, records: 0, packets: 0, bytes: 0)
                    peer.records += 1
                    peer.packets += record.packets ?? 0
                    peer.bytes += record.bytes ?? 0
                    peers[key] = peer
                }
            }
        }
        let found = peers.values.sorted { ($0.records, $0.bytes, $0.address) > ($1.records, $1.bytes, $1.address) }
        let at = Timestamp.format(since)
        if !found.isEmpty {
            let shown = found.prefix(5).map(\.description).joined(separator: "; ") + (found.count > 5 ? "; and \(found.count - 5) more" : "")
            return TrafficAfterIsolation(verdict: .accepted, peers: found, flowLogs: read, since: since,
                                         summary: "accepted traffic after the isolation at \(at): \(shown): the threat may still be viable "
                                            + "(connections tracked before a group swap can outlive it)"
                                            + (failures.isEmpty ? "" : "; not read: \(failures.joined(separator: "; "))"))
        }
        if !failures.isEmpty {
            return TrafficAfterIsolation(verdict: .couldNotCheck, peers: [], flowLogs: read, since: since,
                                         summary: "traffic after the isolation could not be checked: \(failures.joined(separator: "; "))")
        }
        return TrafficAfterIsolation(verdict: .quiet, peers: [], flowLogs: read, since: since,
                                     summary: "no accepted traffic since the isolation at \(at) in flow log\(read.count == 1 ? "" : "s") \(read.joined(separator: ", "))")
    }

    static func line(_ error: any Error) -> String {
        (error as? AWSCLIFailure)?.description ?? "\(error)"
    }

    static func array(_ output: String) -> [Any] {
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return [] }
        return value as? [Any] ?? []
    }

    static func objects(_ output: String) -> [[String: Any]] {
        array(output).compactMap { $0 as? [String: Any] }
    }
}
