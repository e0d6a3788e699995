import Foundation

/// The high-entropy rule: a value under a name that hints at key material
/// (`SigningKey`, `session`, `salt`) is a secret when it looks random.
///
/// Random here means, all at once: at least `minimumLength` (20) characters,
/// all from the base64 and base64url alphabets (`A–Z a–z 0–9 + / = _ -`), at
/// least one capital, one lowercase letter and one digit, not all hex digits,
/// and a Shannon entropy of at least `minimumBitsPerCharacter` (3.5) bits per
/// character. What a responder needs stays: SHA-256 and other hex digests,
/// instance and request ids (hex, one case), UUIDs, access key ids (capitals
/// and digits only), ARNs and paths (`:` and `.` are outside the alphabet).
enum RandomLookingValue {
    static let minimumLength = 20
    static let minimumBitsPerCharacter = 3.5

    static func isRandom<C: Collection>(_ value: C) -> Bool where C.Element == UInt8 {
        guard value.count >= minimumLength, value.count <= 4096 else { return false }
        var upper = false, lower = false, digit = false, allHex = true
        var counts = [Int](repeating: 0, count: 128)
        for byte in value {
            switch byte {
            case 65...90: upper = true; if byte > 70 { allHex = false }
            case 97...122: lower = true; if byte > 102 { allHex = false }
            case 48...57: digit = true
            case 43, 47, 61, 95, 45: allHex = false
            default: return false
            }
            counts[Int(byte)] += 1
        }
        guard upper, lower, digit, !allHex else { return false }
        return bitsPerCharacter(counts, total: value.count) >= minimumBitsPerCharacter
    }

    static func bitsPerCharacter(_ counts: [Int], total: Int) -> Double {
        let length = Double(total)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / length
            return sum - p * log2(p)
        }
    }
}
