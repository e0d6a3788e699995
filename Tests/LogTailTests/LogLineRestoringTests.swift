import Foundation
import Testing
@testable import LogTail

/// A line read back from the database must be the line that was shown: same
/// text, same level and times, and the hash of the *whole* original line even
/// when only its start was kept.
@Suite("Log lines restored from where they were kept")
struct LogLineRestoringTests {
    @Test func aRestoredLineHashesLikeTheOriginalEvenWhenCut() {
        let limits = LogLineLimits(rawBytes: 64, displayBytes: 32)
        let original = LogLine(sourceID: "cwl:/g", sequence: 3, bytes: Array(("ERROR " + String(repeating: "x", count: 500)).utf8),
                               time: Date(timeIntervalSince1970: 1_764_404_100), arrivedAt: Date(timeIntervalSince1970: 1_764_404_160),
                               limits: limits)
        #expect(!original.isRawComplete)
        let restored = LogLine(restoring: original.raw, sourceID: original.sourceID, sequence: original.sequence,
                               rawLength: original.rawLength, sha256Hex: original.sha256Hex, time: original.time,
                               level: original.level, arrivedAt: original.arrivedAt, limits: limits)
        #expect(restored == original)
        #expect(restored.sha256Hex == original.sha256Hex && restored.text == original.text && restored.isCut)
        #expect(restored.level == .error && restored.timeOrigin == .source)
    }

    @Test func aDamagedHashFallsBackToHashingWhatWasKept() {
        let line = LogLine(restoring: Array("hello".utf8), sourceID: "file:/x", sequence: 0, rawLength: 5, sha256Hex: "not hex",
                           time: Date(), level: .info, arrivedAt: Date())
        #expect(line.sha256Hex == LogLine(sourceID: "file:/x", sequence: 0, text: "hello").sha256Hex)
        #expect(LineDigest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(LineDigest(hex: line.sha256Hex.uppercased())?.hex == line.sha256Hex)
    }
}
