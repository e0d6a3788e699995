import Foundation

/// What an isolated instance's VPC flow logs say about the time after its
/// isolation: no accepted traffic, accepted traffic with whom, or that it
/// could not be checked (no flow logs, logs Firebreak cannot read, a failed call).
public struct TrafficAfterIsolation: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        /// Flow logs were read and hold no accepted traffic after the isolation.
        case quiet
        /// Accepted traffic after the isolation: the threat may still be viable.
        case accepted
        /// Nothing could be read: the flow logs do not exist, are not in CloudWatch Logs, or a call failed.
        case couldNotCheck = "could-not-check"
    }

    /// One address the instance exchanged accepted traffic with after the isolation.
    public struct Peer: Sendable, Equatable {
        public enum Direction: String, Sendable, Equatable {
            /// From the instance to the peer: `port` is the peer's.
            case outbound
            /// From the peer to the instance: `port` is the instance's.
            case inbound
        }

        public var address: String
        public var port: Int?
        public var protocolName: String
        public var direction: Direction
        /// Flow-log records (capture windows) that carried it.
        public var records: Int
        public var packets: Int64
        public var bytes: Int64

        /// `203.0.113.77:4444 (outbound tcp, 3 records, 60 packets, 12747 bytes)`.
        public var description: String {
            let target = direction == .outbound ? "\(address)\(port.map { ":\($0)" } ?? "")" : "\(address) → port \(port.map(String.init) ?? "-")"
            return "\(target) (\(direction.rawValue) \(protocolName), \(records) record\(records == 1 ? "" : "s"), \(packets) packets, \(bytes) bytes)"
        }
    }

    public var verdict: Verdict
    /// Most records first.
    public var peers: [Peer]
    /// The flow logs read (`fl-…`).
    public var flowLogs: [String]
    /// When the isolation took effect (the run's finish); records whose window starts earlier are not counted.
    public var since: Date
    /// One line: what was found, or why it could not be checked.
    public var summary: String
}
