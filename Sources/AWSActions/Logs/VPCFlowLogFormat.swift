import IncidentModel

/// The fields of a VPC Flow Logs record, in order: the default (version 2)
/// format, or a custom one — as `create-flow-logs --log-format` takes it
/// (`${version} ${vpc-id} ${srcaddr} …`) or as an S3-delivered file's header
/// line writes it (`version vpc-id srcaddr …`).
///
/// Fields: https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
public struct VPCFlowLogFormat: Sendable, Equatable {
    public var fields: [String]

    /// `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status`.
    public static let defaultV2 = VPCFlowLogFormat(uncheckedFields: [
        "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
        "packets", "bytes", "start", "end", "action", "log-status",
    ])

    /// Every field of versions 2 to 5 (and 7, ECS) that AWS documents.
    public static let knownFields: Set<String> = [
        "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes",
        "start", "end", "action", "log-status", "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr",
        "pkt-dstaddr", "region", "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service",
        "flow-direction", "traffic-path", "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
        "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
        "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason", "resource-id",
        "encryption-status",
    ]

    init(uncheckedFields fields: [String]) {
        self.fields = fields
    }

    /// A format from `${a} ${b} …` or a header line `a b …`; refuses an unknown field by name.
    public init(parsing text: String) throws(AWSLogParseError) {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { token -> String in
            var name = Substring(token)
            if name.hasPrefix("${"), name.hasSuffix("}") { name = name.dropFirst(2).dropLast() }
            return String(name)
        }
        guard !tokens.isEmpty else { throw AWSLogParseError("the flow log format is empty") }
        if let unknown = tokens.first(where: { !Self.knownFields.contains($0) }) {
            throw AWSLogParseError("flow log format: '\(unknown.terminalSafe)' is not a VPC Flow Logs field")
        }
        guard tokens.contains("srcaddr") || tokens.contains("pkt-srcaddr") || tokens.contains("log-status") else {
            throw AWSLogParseError("flow log format: it names no address and no log-status")
        }
        fields = tokens
    }

    /// The format a header line states, or nil when the line is a record (or anything else).
    public static func header(_ line: Substring) -> VPCFlowLogFormat? {
        guard let first = line.split(separator: " ", maxSplits: 1).first, knownFields.contains(String(first)) else { return nil }
        return try? VPCFlowLogFormat(parsing: String(line))
    }
}
