import Foundation

/// One VPC flow-log record, read by the flow log's own format (`LogFormat` of
/// `describe-flow-logs`; the default is `FlowLogRecord.defaultFormat`).
///
/// Records are space-separated fields in the order the format names them; a
/// field with no value is `-`. Only what containment verification needs is kept.
///
/// ```swift
/// let record = FlowLogRecord(parsing: "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
///                            format: FlowLogRecord.defaultFields)
/// record?.action   // "ACCEPT"; record?.start 1418530010; record?.destinationPort 22
/// ```
public struct FlowLogRecord: Sendable, Equatable {
    /// The default format's fields, in order (VPC User Guide, "Flow log records").
    public static let defaultFormat = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
    public static let defaultFields = fields(of: defaultFormat)!

    public var interfaceID: String?
    public var sourceAddress: String?
    public var destinationAddress: String?
    public var sourcePort: Int?
    public var destinationPort: Int?
    /// The IANA protocol number (6 TCP, 17 UDP, 1 ICMP).
    public var protocolNumber: Int?
    public var packets: Int64?
    public var bytes: Int64?
    /// The capture window, in seconds since 1970.
    public var start: Int64?
    public var end: Int64?
    /// `ACCEPT` or `REJECT`; nil for `NODATA` and `SKIPDATA` records.
    public var action: String?
    public var logStatus: String?

    /// The field names of a `LogFormat` (`${srcaddr} ${dstaddr} …` → `["srcaddr", "dstaddr", …]`), nil when it is not one.
    public static func fields(of format: String) -> [String]? {
        let tokens = format.split(whereSeparator: \.isWhitespace)
        var names: [String] = []
        for token in tokens {
            guard token.hasPrefix("${"), token.hasSuffix("}"), token.count > 3 else { return nil }
            names.append(String(token.dropFirst(2).dropLast()))
        }
        return names.isEmpty ? nil : names
    }

    /// Nil when the line does not have one value per field.
    public init?(parsing line: String, format fields: [String]) {
        let values = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard values.count == fields.count else { return nil }
        var byName: [String: String] = [:]
        for (name, value) in zip(fields, values) where value != "-" { byName[name] = value }
        interfaceID = byName["interface-id"]
        sourceAddress = byName["srcaddr"]
        destinationAddress = byName["dstaddr"]
        sourcePort = byName["srcport"].flatMap { Int($0) }
        destinationPort = byName["dstport"].flatMap { Int($0) }
        protocolNumber = byName["protocol"].flatMap { Int($0) }
        packets = byName["packets"].flatMap { Int64($0) }
        bytes = byName["bytes"].flatMap { Int64($0) }
        start = byName["start"].flatMap { Int64($0) }
        end = byName["end"].flatMap { Int64($0) }
        action = byName["action"]
        logStatus = byName["log-status"]
    }

    /// `tcp`, `udp`, `icmp`, `icmpv6`, else the number.
    public static func protocolName(_ number: Int?) -> String {
        switch number {
        case 6?: return "tcp"
        case 17?: return "udp"
        case 1?: return "icmp"
        case 58?: return "icmpv6"
        case let other?: return "protocol \(other)"
        case nil: return "any protocol"
        }
    }
}
