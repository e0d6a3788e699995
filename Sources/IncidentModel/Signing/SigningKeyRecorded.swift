/// An operator's public signing key, recorded in the chain the first time
/// that operator signs a head of the incident, so every later signature can
/// be checked against it (and the key itself is covered by the chain).
public struct SigningKeyRecorded: Codable, Sendable, Equatable {
    public static let kind = "chain.key-recorded"
    /// Who holds the private half (the event's actor as well).
    public var operatorName: String
    /// The Ed25519 public key, 32 bytes, base64.
    public var publicKey: String
    /// A short name for the key (`SigningKeyFingerprint`), to compare by eye.
    public var fingerprint: String

    public init(operatorName: String, publicKey: String, fingerprint: String) {
        self.operatorName = operatorName
        self.publicKey = publicKey
        self.fingerprint = fingerprint
    }
}
