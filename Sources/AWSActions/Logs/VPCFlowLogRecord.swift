import Foundation

/// One VPC Flow Logs record in columns the pane can filter on:
///
/// `REJECT tcp 198.51.100.7:44321 -> 10.0.1.5:22 3 packets 180 bytes eni-0a1b… action=REJECT`
///
/// The action comes first (and again as `action=ACCEPT|REJECT` for a filter);
/// `NODATA` (no traffic in the capture window) and `SKIPDATA` (records
/// skipped) say so instead of showing `-` columns. Custom formats' other
/// fields follow as `name=value` (`vpc-id=…`, `tcp-flags=SYN,ACK`,
/// `flow-direction=ingress`, `pkt-srcaddr=…`, `traffic-path=…`), `-` left out.
/// A record whose field count is not the format's is shown as it is, marked.
///
/// Fields: https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
public enum VPCFlowLogRecord {
    /// The fields the main columns already show.
    static let shown: Set<String> = ["version", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes",
                                     "start", "end", "action", "log-status", "interface-id"]

    /// The record as a log record; `index` names it when the source has no id.
    public static func record(_ line: Substring, format: VPCFlowLogFormat, index: Int) -> AWSLogRecord {
        let values = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard values.count == format.fields.count else {
            return AWSLogRecord(eventID: "flow-\(index)", timestampMs: 0,
                                message: "unparsed flow log record (\(values.count) fields, the format has \(format.fields.count)): \(line)",
                                isError: false, isFlowRecord: true)
        }
        var field: [String: String] = [:]
        for (name, value) in zip(format.fields, values) where value != "-" { field[name] = value }
        let startMs = field["start"].flatMap { Double($0) }.flatMap { CloudTrailEvents.milliseconds(seconds: $0) } ?? 0
        let interface = field["interface-id"] ?? field["resource-id"]
        var parts: [String]
        switch field["log-status"] ?? "" {
        case "NODATA":
            parts = ["NODATA \(interface ?? "-"): no traffic in the capture window" + window(field)]
        case "SKIPDATA":
            parts = ["SKIPDATA \(interface ?? "-"): records were skipped in the capture window" + window(field)]
        default:
            let action = field["action"] ?? "?"
            parts = [action, protocolName(field["protocol"]),
                     "\(field["srcaddr"] ?? "-")\(field["srcport"].map { ":\($0)" } ?? "") -> \(field["dstaddr"] ?? "-")\(field["dstport"].map { ":\($0)" } ?? "")"]
            if let packets = field["packets"] { parts.append("\(packets) packets") }
            if let bytes = field["bytes"] { parts.append("\(bytes) bytes") }
            if let interface { parts.append(interface) }
            if field["action"] != nil { parts.append("action=\(action)") }
        }
        for name in format.fields where !shown.contains(name) {
            guard let value = field[name] else { continue }
            parts.append("\(name)=\(name == "tcp-flags" ? tcpFlags(value) : value)")
        }
        return AWSLogRecord(eventID: "flow-\(index)", timestampMs: startMs, message: parts.joined(separator: " "),
                            isError: field["log-status"] == "SKIPDATA", isFlowRecord: true)
    }

    /// The message as a flow record when it is one: as many fields as the
    /// format (the default version 2 format when none is given, whose first
    /// field is then `2`), with an `action` of ACCEPT or REJECT and a
    /// `log-status` of OK, NODATA or SKIPDATA where the format has them. Nil
    /// for anything else (an application's own line in the same group).
    public static func recordIfFlow(_ line: Substring, format given: VPCFlowLogFormat?, index: Int) -> AWSLogRecord? {
        let format = given ?? .defaultV2
        let values = line.split(separator: " ", omittingEmptySubsequences: true)
        guard values.count == format.fields.count else { return nil }
        if given == nil, values[0] != "2" { return nil }
        let named = Dictionary(zip(format.fields, values), uniquingKeysWith: { first, _ in first })
        if let action = named["action"], !["ACCEPT", "REJECT", "-"].contains(action) { return nil }
        if let status = named["log-status"], !["OK", "NODATA", "SKIPDATA", "-"].contains(status) { return nil }
        return record(line, format: format, index: index)
    }

    /// ` 10:20:00Z–10:21:00Z` from `start`/`end` (epoch seconds), or nothing.
    static func window(_ field: [String: String]) -> String {
        guard let start = field["start"].flatMap({ TimeInterval($0) }), let end = field["end"].flatMap({ TimeInterval($0) }) else { return "" }
        let formatter = ISO8601DateFormatter()
        return " \(formatter.string(from: Date(timeIntervalSince1970: start)))–\(formatter.string(from: Date(timeIntervalSince1970: end)))"
    }

    /// IANA protocol numbers as names for the common ones.
    static func protocolName(_ number: String?) -> String {
        guard let number else { return "-" }
        switch number {
        case "6": return "tcp"
        case "17": return "udp"
        case "1": return "icmp"
        case "58": return "icmpv6"
        default: return "proto=\(number)"
        }
    }

    /// `tcp-flags` is the OR of the flags seen in the window: 2 SYN, 18 SYN-ACK, 1 FIN, 4 RST.
    static func tcpFlags(_ value: String) -> String {
        guard let bits = Int(value), bits > 0 else { return value }
        let names = [(1, "FIN"), (2, "SYN"), (4, "RST"), (8, "PSH"), (16, "ACK"), (32, "URG")].filter { bits & $0.0 != 0 }.map(\.1)
        return names.isEmpty ? value : names.joined(separator: ",")
    }
}
