import Crypto
import Foundation
import Testing
@testable import LogTail

/// A line costs only its bytes, level and time when it is made; its text and
/// its hash are made when asked. What is asked must be what eager work gave:
/// the filter matches the bytes of a plain line exactly as it matches the
/// text of any other, the text of a hostile line is sanitised at every read,
/// and the hash is the whole line's however it was read.
@Suite("Lazy work per log line")
struct LazyLineWorkTests {
    static func line(_ text: String) -> LogLine {
        LogLine(sourceID: "file:/t", sequence: 0, text: text)
    }

    @Test func theFilterAgreesOnPlainBytesAndOnSanitisedText() throws {
        let filter = try LogFilter(query: "Failed password")
        let plain = Self.line("sshd[1]: FAILED PASSWORD for root from 203.0.113.9")
        #expect(plain.isPlain && filter.admits(plain))
        #expect(!filter.admits(Self.line("sshd[1]: Accepted password for root")))
        // Not plain (an escape): matched on the sanitised text, where ESC shows as ^[.
        let hostile = Self.line("\u{1B}[2J Failed password for root")
        #expect(!hostile.isPlain && filter.admits(hostile))
        #expect(hostile.text == "^[[2J Failed password for root")
        // The escape is not a way past the filter: the query matches text, not the bytes under it.
        #expect(try LogFilter(query: "^[[2J").admits(hostile))
        #expect(!(try LogFilter(query: "\u{1B}[2J").admits(hostile)))
        // A tab is expanded in the text, so a line with one is not plain and matches as drawn.
        let tabbed = Self.line("a\tFailed password")
        #expect(!tabbed.isPlain && tabbed.text == "a       Failed password" && filter.admits(tabbed))
        // CRLF: the CR is not drawn, and the line still matches at its end.
        let crlf = Self.line("Failed password\r")
        #expect(!crlf.isPlain && crlf.text == "Failed password" && filter.admits(crlf))
    }

    @Test func theHashIsTheWholeLinesWhenAskedHoweverLongTheLine() {
        let limits = LogLineLimits(rawBytes: 16, displayBytes: 8)
        for text in ["short", String(repeating: "x", count: 16), String(repeating: "long line ", count: 10)] {
            let bytes = Array(text.utf8)
            let line = LogLine(sourceID: "file:/t", sequence: 0, bytes: bytes, limits: limits)
            #expect(line.sha256 == Array(SHA256.hash(data: bytes)), "\(text)")
            #expect(line.isCut == (bytes.count > 8), "\(text)")
        }
        // Through the file source's assembler, a line longer than what is kept hashes whole as it streams.
        var assembler = LineAssembler(keepLimit: 16)
        let long = Array(String(repeating: "0123456789", count: 5).utf8)
        var lines: [LogLine] = []
        (long + [0x0A] + Array("short".utf8) + [0x0A]).withUnsafeBytes { bytes in
            assembler.feed(bytes) { assembled in
                lines.append(LogLine(sourceID: "file:/t", sequence: 0, kept: assembled.kept, rawLength: assembled.length,
                                     digest: assembled.streamedDigest, time: nil, level: nil, arrivedAt: Date(), limits: limits))
            }
        }
        #expect(lines.count == 2)
        #expect(lines[0].sha256 == Array(SHA256.hash(data: long)) && !lines[0].isRawComplete)
        #expect(lines[1].sha256 == Array(SHA256.hash(data: Array("short".utf8))) && lines[1].isRawComplete)
    }

    /// Lines read whole within one chunk are slices of it (no copy each); a
    /// line kept in a buffer holds only its own bytes, and is the same line.
    @Test func linesShareTheirReadUntilKept() {
        var assembler = LineAssembler(keepLimit: 16)
        var lines: [LogLine] = []
        for chunk in ["first\nsecond\nthi", "rd\n\u{1B}[2J\n"] {
            assembler.feed(sharing: Array(chunk.utf8)) { assembled in
                lines.append(LogLine(sourceID: "file:/t", sequence: UInt64(lines.count), kept: assembled.kept, sharesChunk: assembled.sharesChunk,
                                     rawLength: assembled.length, digest: assembled.streamedDigest, time: nil, level: nil, arrivedAt: Date(),
                                     limits: LogLineLimits(rawBytes: 16, displayBytes: 16)))
            }
        }
        #expect(lines.map(\.text) == ["first", "second", "third", "^[[2J"])
        // "third" spans the two reads: assembled, so its bytes are its own.
        #expect(lines.map(\.sharesChunk) == [true, true, false, true])
        var buffer = LogRingBuffer(capacity: 2)
        for line in lines { buffer.append(line) }
        #expect(buffer.map(\.sharesChunk) == [false, false])
        #expect(Array(buffer) == Array(lines.suffix(2)))
        #expect(buffer[1].raw == [0x1B] + Array("[2J".utf8) && buffer[1].sha256 == Array(SHA256.hash(data: buffer[1].raw)))
    }

    /// The level guess tests a byte against a mask of the keywords' first letters: it must hold every one of them.
    @Test func theLevelGuessesMaskHoldsEveryKeywordsFirstLetter() {
        let initials = (LogLevel.errorWords + LogLevel.warningWords).reduce(UInt32(0)) { $0 | 1 << UInt32($1[0] - UInt8(ascii: "a")) }
        #expect(LogLevel.keywordInitials == initials)
        #expect(LogLevel.guess(Array("x Unauthorized y".utf8)) == .error && LogLevel.guess(Array("disk WARNING".utf8)) == .warning)
        #expect(LogLevel.guess(Array("undeniable pandemic".utf8)) == .info)
    }
}
