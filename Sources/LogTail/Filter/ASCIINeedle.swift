/// A lower-cased ASCII query, searched for case-insensitively in bytes.
///
/// Every log line is searched, and most do not match, so the search looks
/// first for two of the needle's bytes at once, eight positions at a time:
/// the two it guesses rarest in log text (`rarity`), at their distance
/// apart. A first byte is a poor anchor ("f" of "failed" is in most lines;
/// "p" and "w" three apart, as in "password", are in few), so a line that
/// does not match is usually passed over without a single byte-by-byte
/// comparison. Every candidate is then compared whole, so what is found is
/// exactly what a byte-by-byte search finds.
struct ASCIINeedle: Sendable {
    /// The needle, lower-cased ASCII, not empty.
    let bytes: [UInt8]
    /// Where in the needle the two anchor bytes are (equal for a one-byte needle).
    let first: Int, second: Int

    /// Nil unless `lowered` is non-empty ASCII.
    init?(_ lowered: [UInt8]) {
        guard !lowered.isEmpty, lowered.allSatisfy({ $0 < 0x80 }) else { return nil }
        bytes = lowered
        let ranked = lowered.indices.sorted { Self.rarity(lowered[$0]) > Self.rarity(lowered[$1]) }
        first = ranked[0]
        // The next rarest of another value if there is one ("ss" of "password" is a poor pair).
        second = ranked.dropFirst().first { lowered[$0] != lowered[ranked[0]] } ?? ranked.dropFirst().first ?? ranked[0]
    }

    /// How rarely a (lower-cased) byte appears in log text, higher being
    /// rarer: letters by their frequency in English, digits, spaces and the
    /// punctuation of timestamps, addresses and paths as the commonest.
    static func rarity(_ byte: UInt8) -> Int {
        let letters = Array("etaoinsrhldcumfpgwybvkxjqz".utf8)
        if let rank = letters.firstIndex(of: byte) { return 2 + rank }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ":"),
             UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: ","):
            return 0
        default:
            return 14  // other punctuation: rarer than common letters, commoner than rare ones
        }
    }

    /// The offset of the first match at or after `from`, if any.
    func firstMatch(in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { needle in Self.firstMatch(needle, first, second, in: haystack, from: from) }
    }

    private static func firstMatch(_ needle: UnsafeBufferPointer<UInt8>, _ first: Int, _ second: Int,
                                   in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let last = haystack.count - needle.count
        guard from <= last, let base = haystack.baseAddress else { return nil }
        var index = from
        // A byte equals an anchor in either case when `byte | 0x20` does for a letter
        // (only its two cases map there), when it equals it for any other byte. The
        // zero-byte test may also flag a byte just above a real zero, so every
        // candidate is compared whole. Both loads stay inside the haystack: with
        // `index + 7 <= last`, the word at `index + first` ends at or before
        // `last + first`, which is below `count` as `first < needle.count`.
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let firstByte = needle[first], secondByte = needle[second]
        let foldFirst: UInt64 = firstByte &- UInt8(ascii: "a") < 26 ? ones &* 0x20 : 0
        let foldSecond: UInt64 = secondByte &- UInt8(ascii: "a") < 26 ? ones &* 0x20 : 0
        let wantedFirst = ones &* UInt64(firstByte), wantedSecond = ones &* UInt64(secondByte)
        let raw = UnsafeRawPointer(base)
        while index + 8 <= last + 1 {
            let a = (raw.loadUnaligned(fromByteOffset: index + first, as: UInt64.self) | foldFirst) ^ wantedFirst
            let b = (raw.loadUnaligned(fromByteOffset: index + second, as: UInt64.self) | foldSecond) ^ wantedSecond
            var flagged = (a &- ones) & ~a & (b &- ones) & ~b & high
            while flagged != 0 {
                let candidate = index + flagged.trailingZeroBitCount / 8
                if matches(needle, haystack, at: candidate) { return candidate }
                flagged &= flagged &- 1
            }
            index += 8
        }
        while index <= last {
            if lower(haystack[index + first]) == firstByte, matches(needle, haystack, at: index) { return index }
            index += 1
        }
        return nil
    }

    @inline(__always)
    private static func matches(_ needle: UnsafeBufferPointer<UInt8>, _ haystack: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var offset = 0
        while offset < needle.count, lower(haystack[index + offset]) == needle[offset] { offset += 1 }
        return offset == needle.count
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
