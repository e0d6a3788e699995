import Crypto
import Foundation
import Testing
@testable import LogTail

@Suite("Log lines: time, level, raw bytes and hash")
struct LogLineTests {
    static let arrival = Date(timeIntervalSince1970: 1_000)

    @Test func timeComesFromTheSourceThenTheLineThenArrival() {
        let given = Date(timeIntervalSince1970: 1_800_000_000.123)
        let fromSource = LogLine(sourceID: "s", sequence: 0, text: "2026-11-29T03:04:05Z x", time: given, arrivedAt: Self.arrival)
        #expect(fromSource.time == given && fromSource.timeOrigin == .source)

        let fromLine = LogLine(sourceID: "s", sequence: 0, text: "2026-11-29T03:04:05.250Z sshd[1]: ok", arrivedAt: Self.arrival)
        #expect(fromLine.timeOrigin == .line)
        #expect(fromLine.time.timeIntervalSince1970 == 1_795_921_445.25)

        let none = LogLine(sourceID: "s", sequence: 0, text: "sshd[1]: ok", arrivedAt: Self.arrival)
        #expect(none.time == Self.arrival && none.timeOrigin == .arrival)
    }

    @Test func timestampShapes() throws {
        func parse(_ text: String) -> Date? { LogTimestampParser.parse(Array(text.utf8)) }
        let utc = try #require(parse("2026-11-29T03:04:05Z"))
        #expect(utc.timeIntervalSince1970 == 1_795_921_445)
        #expect(parse("2026-11-29T04:04:05+01:00 rest") == utc)
        #expect(parse("2026-11-28T19:04:05-0800") == utc)
        #expect(parse("2026-11-29 03:04:05.000000Z") == utc)
        #expect(parse("2026-11-29T03:04:05,5Z")?.timeIntervalSince1970 == 1_795_921_445.5)
        #expect(parse("2024-02-29T00:00:00Z") != nil)
        // No zone, impossible dates, and things that only start like a time.
        #expect(parse("2026-11-29T03:04:05 no zone") == nil)
        #expect(parse("2026-02-30T03:04:05Z") == nil)
        #expect(parse("2026-13-01T03:04:05Z") == nil)
        #expect(parse("2026-11-29T03:04:05Zebra") == nil)
        #expect(parse("1795835045 epoch") == nil)
        #expect(parse("") == nil)
    }

    @Test func levelIsGuessedFromWords() {
        #expect(line("2026-11-29T03:04:05Z ERROR db down").level == .error)
        #expect(line("{\"level\":\"error\",\"msg\":\"x\"}").level == .error)
        #expect(line("\"errorCode\":\"AccessDenied\"").level == .error)
        #expect(line("An error occurred (UnauthorizedOperation)").level == .error)
        #expect(line("[WARN] disk at 91%").level == .warning)
        #expect(line("warning: deprecated flag").level == .warning)
        #expect(line("FATAL: cannot start").level == .error)
        #expect(line("GET /index.html 200").level == .info)
        // Inside a word is not a keyword.
        #expect(line("terrorist.example.com resolved; forewarned").level == .info)
        // The source's own level wins.
        #expect(line("all fine", level: .error).level == .error)
    }

    @Test func rawBytesAndHashAreOfTheWholeLine() {
        let text = "2026-11-29T03:04:05Z \u{1B}[31mred\u{1B}[0m\r"
        let bytes = Array(text.utf8)
        let logLine = LogLine(sourceID: "s", sequence: 3, bytes: bytes)
        #expect(logLine.raw == bytes)
        #expect(logLine.isRawComplete)
        #expect(logLine.rawLength == bytes.count)
        #expect(logLine.sha256 == Array(SHA256.hash(data: bytes)))
        #expect(logLine.sha256Hex == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        #expect(logLine.sequence == 3)
    }

    @Test func plainLinesShareTheirBytesWithTheText() {
        let logLine = line("plain ascii line")
        #expect(logLine.raw == Array("plain ascii line".utf8))
        #expect(logLine.text == "plain ascii line")
        #expect(logLine.footprint < 200)
    }

    @Test func longLinesAreKeptUpToTheLimitAndHashedWhole() {
        let limits = LogLineLimits(rawBytes: 1000, displayBytes: 100)
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 5000)
        let logLine = LogLine(sourceID: "s", sequence: 0, bytes: bytes, limits: limits)
        #expect(logLine.raw.count == 1000)
        #expect(!logLine.isRawComplete)
        #expect(logLine.rawLength == 5000)
        #expect(logLine.sha256 == Array(SHA256.hash(data: bytes)))
        #expect(logLine.isCut)
        #expect(logLine.text == String(repeating: "a", count: 100) + " … [line cut: 5000 bytes]")
    }

    @Test func assemblerStreamsHugeLinesWithBoundedMemory() {
        var assembler = LineAssembler(keepLimit: 10)
        var lines: [LineAssembler.Assembled] = []
        let first = Array("0123456789abcdefghij".utf8)
        let second = Array("klmno\nshort\npart".utf8)
        first.withUnsafeBytes { assembler.feed($0) { lines.append($0) } }
        second.withUnsafeBytes { assembler.feed($0) { lines.append($0) } }
        #expect(lines.count == 2)
        #expect(Array(lines[0].kept) == Array("0123456789".utf8))
        #expect(lines[0].length == 25)
        #expect(lines[0].digest.bytes == Array(SHA256.hash(data: Array("0123456789abcdefghijklmno".utf8))))
        #expect(Array(lines[1].kept) == Array("short".utf8))
        #expect(lines[1].digest.bytes == Array(SHA256.hash(data: Array("short".utf8))))
        #expect(assembler.pendingLength == 4)
        let last = assembler.flush()
        #expect(last.map { Array($0.kept) } == Array("part".utf8))
        #expect(assembler.flush() == nil)
    }
}

extension LineAssembler.Assembled: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kept == rhs.kept && lhs.length == rhs.length && lhs.digest == rhs.digest
    }
}
