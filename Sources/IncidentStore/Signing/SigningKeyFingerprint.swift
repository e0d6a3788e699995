import Crypto
import Foundation

/// A short, stable name for an Ed25519 public key: `ed25519:` and the first
/// 16 hex digits of the SHA-256 of its 32 bytes.
public enum SigningKeyFingerprint {
    public static func of(_ key: Curve25519.Signing.PublicKey) -> String {
        "ed25519:" + hex(Array(SHA256.hash(data: key.rawRepresentation)).prefix(8))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
