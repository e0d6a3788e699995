import Foundation

/// Replaces secrets in AWS CLI output before anything stores or shows it.
///
/// Three readings of the same bytes, each marking what to replace:
/// by where a value sits in JSON (`JSONSecretScanner`: under a key naming a
/// secret, in a Lambda or ECS environment, a `SecureString` parameter's
/// value), by the name in `NAME=value` text (`AssignmentScanner`), and by the
/// value's own shape wherever it is (`SecretShapes`: tokens, keys, URL
/// passwords, PEM blocks). What a responder needs is kept: ARNs, resource and
/// request ids, access key ids (`AKIA…`), SHA-256 hashes, pagination tokens.
///
/// The runner applies it to every stdout and stderr before the output cap
/// (`RedactedOutput`), so the raw secret from, say, `iam create-access-key`
/// never reaches the database, the log pane or a report, whole or in part.
///
/// ```swift
/// SecretRedactor.redact(#"{"SecretAccessKey": "wJalr…"}"#) // {"SecretAccessKey": "[REDACTED]"}
/// ```
public enum SecretRedactor {
    /// What a secret is replaced with.
    public static let placeholder = "[REDACTED]"

    /// `text` with every secret replaced by `placeholder`.
    public static func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        return String(decoding: redact(Array(text.utf8), cutShort: false), as: UTF8.self)
    }

    /// `bytes` with every secret replaced. `cutShort` says the bytes stop
    /// where a limit cut them, not where the output ended: the last,
    /// possibly partial, word is dropped rather than judged, and JSON left
    /// open is judged as far as it goes.
    static func redact(_ input: [UInt8], cutShort: Bool) -> [UInt8] {
        var bytes = input
        if cutShort {
            let keep = bytes.lastIndex(where: isBreak).map { $0 + 1 } ?? 0
            bytes.removeSubrange(keep...)
        }
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            JSONSecretScanner.ranges(in: buffer, into: &ranges)
            AssignmentScanner.ranges(in: buffer, into: &ranges)
            SecretShapes.ranges(in: buffer, into: &ranges)
        }
        guard !ranges.isEmpty else { return bytes }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        let marker = Array(placeholder.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var position = 0, marked = false
        for range in ranges where range.upperBound > position {
            // A mark overlapping or touching the last one extends its placeholder.
            if !(marked && range.lowerBound <= position) {
                result.append(contentsOf: bytes[position..<range.lowerBound])
                result.append(contentsOf: marker)
                marked = true
            }
            position = range.upperBound
        }
        result.append(contentsOf: bytes[position...])
        return result
    }

    /// Bytes that end a word: what a cut may stop after without leaving part of a value.
    private static func isBreak(_ byte: UInt8) -> Bool {
        switch byte {
        case 32, 9, 10, 13, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }
}
