import Crypto
import Foundation
import IncidentModel

/// Signs incident heads for one operator: at every checkpoint (every 256
/// events) and at close, the store appends the operator's public key (the
/// first time they sign that incident) and a `chain.head-signed` event over
/// the head just before it. Each signed head is also written to the
/// operator's own journal (`SignedHeadJournal`), outside the database.
public final class HeadSigner: Sendable {
    public let operatorName: String
    public let keys: SigningKeyFolder
    public let journal: SignedHeadJournal?
    /// Told when a head could not be signed (the event itself is still recorded).
    let warn: @Sendable (String) -> Void

    public init(operatorName: String, keys: SigningKeyFolder, journal: SignedHeadJournal?,
                warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.operatorName = operatorName
        self.keys = keys
        self.journal = journal
        self.warn = warn
    }

    /// The operator's key, or nil (after a warning) when it cannot be loaded or created:
    /// a missing signature must never stop a responder from recording what they did.
    package func key() -> Curve25519.Signing.PrivateKey? {
        do {
            return try keys.key(for: operatorName)
        } catch {
            warn("the head was not signed: \(error)")
            return nil
        }
    }

    package static func signature(_ key: Curve25519.Signing.PrivateKey, incident: IncidentID, seq: Int64, headHash: String) throws -> String {
        try key.signature(for: HeadSigned.message(incident: incident, seq: seq, headHash: headHash)).base64EncodedString()
    }

    /// Writes committed signatures to the journal; a failure is a warning.
    package func journal(_ signed: [TrustedHead]) {
        guard let journal, !signed.isEmpty else { return }
        do {
            try journal.append(signed)
        } catch {
            warn("the signed head was not written to \(journal.path): \(error)")
        }
    }
}
