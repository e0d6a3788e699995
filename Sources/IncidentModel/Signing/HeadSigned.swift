/// An operator's Ed25519 signature over the incident's head: the hash of the
/// event just before this one (`seq`). The signature event is itself in the
/// chain, so the next signature covers it; it never needs signing in turn.
public struct HeadSigned: Codable, Sendable, Equatable {
    public static let kind = "chain.head-signed"
    /// The seq of the signed head: always the event just before this one.
    public var seq: Int64
    /// That event's hash.
    public var headHash: String
    /// The fingerprint of the key that signed, recorded earlier by `SigningKeyRecorded`.
    public var fingerprint: String
    /// The Ed25519 signature over `HeadSigned.message`, base64.
    public var signature: String
    /// Why it was signed: a checkpoint or the close.
    public var reason: Reason

    public enum Reason: String, Codable, Sendable {
        case checkpoint, close
        /// Asked for (`firebreak sign`), e.g. before handing a head to someone.
        case request
    }

    public init(seq: Int64, headHash: String, fingerprint: String, signature: String, reason: Reason) {
        self.seq = seq
        self.headHash = headHash
        self.fingerprint = fingerprint
        self.signature = signature
        self.reason = reason
    }

    /// The bytes signed: the incident, the seq and the hash, so a signature
    /// cannot be moved to another incident or another place in the chain.
    public static func message(incident: IncidentID, seq: Int64, headHash: String) -> [UInt8] {
        Array("firebreak.head.v1\n\(incident.rawValue)\n\(seq)\n\(headHash)\n".utf8)
    }
}
