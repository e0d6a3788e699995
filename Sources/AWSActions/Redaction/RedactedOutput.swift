import Foundation

/// One stream of a call's output as Firebreak keeps it: redacted first, then
/// cut to the limit, so a cut can never leave the first characters of a
/// secret (`"SecretAccessKey": "wJalrX` when the cap fell inside the value).
///
/// The runner reads `lookahead` bytes past the limit, so what decides a
/// value near the limit (its closing quote, the rest of a token) is there
/// when it is redacted; what the read itself cut is handled by
/// `SecretRedactor`'s `cutShort`.
enum RedactedOutput {
    /// How far past the limit the runner reads.
    static let lookahead = 64 << 10

    /// How many bytes to read for a `limit`.
    static func readLimit(_ limit: Int) -> Int { limit + lookahead }

    /// The text kept from `bytes`, and whether anything was cut. `cutShort`
    /// says the read stopped at `readLimit` with more to come.
    static func keep(_ bytes: Data, limit: Int, cutShort: Bool) -> (text: String, truncated: Bool) {
        var redacted = SecretRedactor.redact([UInt8](bytes), cutShort: cutShort)
        var truncated = cutShort
        if redacted.count > limit {
            var end = limit
            // Back to the start of a UTF-8 character, so nothing is cut in half.
            while end > 0 && redacted[end] & 0xC0 == 0x80 { end -= 1 }
            redacted.removeSubrange(end...)
            truncated = true
        }
        return (String(decoding: redacted, as: UTF8.self), truncated)
    }
}
