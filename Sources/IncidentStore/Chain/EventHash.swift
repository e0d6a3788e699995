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
        for var field in ["firebreak.event.v1", String(incident), String(seq), String(atMilliseconds),
                          String(recordedAtMilliseconds), actor, kind, body, prevHash] {
            // Straight from the string's UTF-8 storage: copying each field into an array cost a tenth of an append.
            field.withUTF8 { bytes in
                var prefix = String(bytes.count) + ":"
                prefix.withUTF8 { sha.update(bufferPointer: UnsafeRawBufferPointer($0)) }
                sha.update(bufferPointer: UnsafeRawBufferPointer(bytes))
            }
            sha.update(data: [0x0A])
        }
        return hex(sha.finalize())
    }

    /// Lowercase hex of the digest. By hand: `String(format: "%02x")` per byte
    /// was two thirds of an append's time (docs/BENCHMARKS.md).
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The hash of an event about to be stored.
    static func hash(of event: Event, body: String, prevHash: String) -> String {
        hash(incident: event.incident.rawValue, seq: event.seq, atMilliseconds: event.at.millisecondsSince1970,
             recordedAtMilliseconds: event.recordedAt.millisecondsSince1970, actor: event.actor,
             kind: event.payload.kind, body: body, prevHash: prevHash)
    }
}
