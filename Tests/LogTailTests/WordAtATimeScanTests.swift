import Foundation
import Testing
@testable import LogTail
import FirebreakTestSupport

/// The two scans every log line goes through, the printable-ASCII test (which
/// decides whether a line's bytes are its text) and the query's search, read
/// eight bytes at a time. They must answer exactly what the byte-by-byte
/// definitions answer, wherever in a word the byte that decides lies.
@Suite("Word-at-a-time scans of log lines")
struct WordAtATimeScanTests {
    /// The bytes on either side of each bound the word test draws.
    static let edgeBytes: [UInt8] = [0x00, 0x01, 0x09, 0x0D, 0x1B, 0x1F, 0x20, 0x21, 0x40, 0x5B, 0x60, 0x7B, 0x7E, 0x7F, 0x80, 0x9B, 0xC2, 0xFF]

    @Test func printableASCIIIsDecidedByEveryByteWhereverItLies() {
        for length in [1, 7, 8, 9, 16, 17, 23] {
            for position in 0..<length {
                for byte in Self.edgeBytes {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = byte
                    let expected = byte >= 0x20 && byte < 0x7F
                    let answer = bytes.withUnsafeBufferPointer { LogDisplayText.isPrintableASCII($0) }
                    #expect(answer == expected, "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        // A control byte just above another that is not printable: both must be seen, neither hidden by the other.
        let pair: [UInt8] = Array("abcdefg".utf8) + [0x7F, 0x1F] + Array("abcdefg".utf8)
        #expect(!pair.withUnsafeBufferPointer { LogDisplayText.isPrintableASCII($0) })
    }

    @Test func theQueryIsFoundAtEveryOffsetInEitherCaseAndNowhereElse() throws {
        let pattern = try LogPattern("failed")
        for length in [6, 7, 8, 9, 15, 16, 17, 31] {
            for offset in 0...(length - 6) {
                for spelling in ["failed", "FAILED", "FaIlEd"] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "."), count: length)
                    bytes.replaceSubrange(offset..<(offset + 6), with: Array(spelling.utf8))
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(pattern.matches(text), "\(text)")
                    #expect(pattern.matches(LogLine(sourceID: "s", sequence: 0, text: text)), "\(text)")
                    let found = pattern.ranges(in: text).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
                    #expect(found == [offset], "\(text)")
                }
            }
        }
        // Bytes one bit or one borrow away from the first letter ('f' 0x66, 'F' 0x46): 'g', 'e', 'V' (0x56), 'v', 0x06, 0xE6, '&'.
        for near: UInt8 in [0x67, 0x65, 0x56, 0x76, 0x06, 0xE6, 0x26] {
            var bytes = Array("xx".utf8) + [near] + Array("ailed..........".utf8)
            #expect(!pattern.matches(String(decoding: bytes, as: UTF8.self)), "\(near)")
            // And a real match right after a near miss, in the same word.
            bytes = Array("x".utf8) + [near] + Array("failed.........".utf8)
            #expect(pattern.ranges(in: String(decoding: bytes, as: UTF8.self)).count == 1, "\(near)")
        }
        // Every match, overlapping candidates included ("ffailed" has one, at 1).
        let repeated = "ffailed FAILEDfailed failefailed"
        #expect(pattern.ranges(in: repeated).map { repeated.utf8.distance(from: repeated.startIndex, to: $0.lowerBound) } == [1, 8, 14, 26])
    }

    @Test func aQueryStartingWithANonLetterMatchesThatByteOnly() throws {
        let pattern = try LogPattern("[error]")
        // '{' is '[' with the bit that makes a letter lower case: it must not count as '['.
        #expect(!pattern.matches("........{error]........"))
        #expect(pattern.matches("........[ERROR]........"))
        #expect(try LogPattern("1.2").matches("abcdefgh 10.1.2.3"))
        #expect(!(try LogPattern("1.2").matches("abcdefgh 10.1/2.3 Q.2")))
    }

    /// The search anchors on the two bytes of the needle it guesses rarest, at
    /// their distance apart: on random bytes near the needle's (its letters in
    /// both cases, their neighbours a bit or a borrow away), at every length,
    /// it finds the first match a byte-by-byte search finds, from any start.
    @Test func theTwoByteAnchorSearchFindsWhatAByteByByteSearchFinds() throws {
        func naive(_ needle: [UInt8], _ haystack: [UInt8], from: Int) -> Int? {
            guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
            let lower = { (byte: UInt8) in byte &- 0x41 < 26 ? byte | 0x20 : byte }
            return (from...(haystack.count - needle.count)).first { start in
                needle.indices.allSatisfy { lower(haystack[start + $0]) == needle[$0] }
            }
        }
        var random = SeededGenerator(seed: 0xA11C_0DE5)
        for needleText in ["failed password", "pw", "w", "ss", "[error]", "a.b", "zq", "1.2", "wpw"] {
            let needle = try #require(ASCIINeedle(Array(needleText.utf8)))
            #expect(needle.first != needle.second || Set(needle.bytes).count == 1, "\(needleText)")
            var alphabet = Set(Self.edgeBytes)
            for byte in needle.bytes {
                alphabet.formUnion([byte, byte ^ 0x20, byte &+ 1, byte &- 1, byte | 0x80])
            }
            let letters = Array(alphabet)
            for _ in 0..<400 {
                let length = random.next(upTo: 48)
                var haystack = (0..<length).map { _ in letters[random.next(upTo: letters.count)] }
                // Often plant the needle, in a random spelling, so matches are not rare.
                if random.next(upTo: 2) == 0, length >= needle.bytes.count {
                    let at = random.next(upTo: length - needle.bytes.count + 1)
                    for (offset, byte) in needle.bytes.enumerated() {
                        haystack[at + offset] = random.next(upTo: 2) == 0 && byte &- 0x61 < 26 ? byte ^ 0x20 : byte
                    }
                }
                let from = random.next(upTo: 4)
                let found = haystack.withUnsafeBufferPointer { needle.firstMatch(in: $0, from: from) }
                #expect(found == naive(needle.bytes, haystack, from: from), "\(needleText) in \(haystack) from \(from)")
            }
        }
        // The anchors of the benchmark's query are its rarest letters, not its first.
        let query = try #require(ASCIINeedle(Array("failed password".utf8)))
        #expect(Set([query.bytes[query.first], query.bytes[query.second]]) == Set(Array("pw".utf8)))
    }
}
