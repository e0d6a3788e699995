import Crypto
import Foundation
import IncidentModel

/// The SHA-256 hash chain over an incident's events.
///
/// Each event's hash covers the previous event's hash and a canonical
/// encoding of every stored field (incident, seq, both clocks, actor, kind,
/// body), so changing, deleting, reordering or inserting any event breaks
/// the chain from that event on.
public enum EventHash {
    /// The `prevHash` of an incident's first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of one event given the previous hash.
    ///
    /// Fields are length-prefixed (`<byte count>:<bytes>\n`) so no choice of
    /// field contents can make two different events encode alike.
    public static func hash(incident: Int, seq: Int64, atMilliseconds: Int64, recordedAtMilliseconds: Int64,
                            actor: String, kind: String, body: String, prevHash: String) -> String {
        var sha = SHA256()
        for field in ["firebreak.event.v1", String(incident), String(seq), String(atMilliseconds),
                      String(recordedAtMilliseconds), actor, kind, body, prevHash] {
            let bytes = Array(field.utf8)
            sha.update(data: Array("\(bytes.count):".utf8))
            sha.update(data: bytes)
            sha.update(data: [0x0A])
        }
        return sha.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The hash of an event about to be stored.
    static func hash(of event: Event, body: String, prevHash: String) -> String {
        hash(incident: event.incident.rawValue, seq: event.seq, atMilliseconds: event.at.millisecondsSince1970,
             recordedAtMilliseconds: event.recordedAt.millisecondsSince1970, actor: event.actor,
             kind: event.payload.kind, body: body, prevHash: prevHash)
    }
}
