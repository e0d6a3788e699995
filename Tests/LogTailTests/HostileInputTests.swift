import Crypto
import Foundation
import Testing
import TerminalUI
@testable import LogTail

/// Log lines are written by attackers: nothing in one may reach the terminal
/// as anything but printable text, and what was neutralised stays visible.
@Suite("Hostile and odd log lines")
struct HostileInputTests {
    /// Every scalar a terminal could act on instead of print.
    static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFFF9...0xFFFB: true
        default: false
        }
    }

    /// The corpus: raw bytes as an attacker would write them.
    static let corpus: [(name: String, bytes: [UInt8])] = [
        ("clear screen", Array("before\u{1B}[2J\u{1B}[Hafter".utf8)),
        ("set title", Array("x\u{1B}]0;owned\u{07}y".utf8)),
        ("OSC 8 hyperlink", Array("\u{1B}]8;;http://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\".utf8)),
        ("cursor moves", Array("a\u{1B}[10;20Hb\u{1B}[5Ac\u{1B}7\u{1B}8d".utf8)),
        ("C1 CSI as a scalar", Array("x\u{9B}2Jy".utf8)),
        ("C1 CSI as a lone byte", [UInt8(ascii: "x"), 0x9B, UInt8(ascii: "2"), UInt8(ascii: "J")]),
        ("bidi override", Array("invoice_\u{202E}fdp.exe and \u{2066}iso\u{2069}".utf8)),
        ("invalid UTF-8", [0x61, 0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x62, 0xED, 0xA0, 0x80]),
        ("carriage return overwrite", Array("ok\rFAKE LINE".utf8)),
        ("backspaces and BEL", Array("pass\u{08}\u{08}\u{08}\u{08}****\u{07}".utf8)),
        ("NUL and DEL", [0x61, 0x00, 0x62, 0x7F, 0x63]),
        ("separators", Array("a\u{2028}b\u{2029}c\u{85}d".utf8)),
        ("CRLF", Array("windows line\r\r".utf8)),
    ]

    @Test(arguments: corpus.map(\.name))
    func noControlSurvivesAndTheHashIsOfTheRawBytes(name: String) {
        let bytes = Self.corpus.first { $0.name == name }!.bytes
        let logLine = LogLine(sourceID: "hostile", sequence: 0, bytes: bytes)
        for scalar in logLine.text.unicodeScalars {
            #expect(!Self.isDangerous(scalar), "U+\(String(scalar.value, radix: 16)) survived in \(name)")
        }
        #expect(logLine.raw == bytes)
        #expect(logLine.sha256 == Array(SHA256.hash(data: bytes)))
        // The drawing layer has nothing left to change: what the pane measures
        // is what the screen shows.
        #expect(TextSanitizer.sanitize(logLine.text) == logLine.text)
    }

    @Test func neutralisedCharactersAreVisible() {
        func shown(_ text: String) -> String { LogDisplayText.make(Array(text.utf8)) }
        #expect(shown("before\u{1B}[2J\u{1B}[Hafter") == "before^[[2J^[[Hafter")
        #expect(shown("x\u{1B}]0;owned\u{07}y") == "x^[]0;owned^Gy")
        #expect(shown("x\u{9B}2Jy") == "x\u{FFFD}2Jy")
        #expect(shown("invoice_\u{202E}fdp.exe") == "invoice_\u{FFFD}fdp.exe")
        #expect(shown("ok\rFAKE") == "ok^MFAKE")
        #expect(shown("a\u{0}b\u{7F}c") == "a^@b^?c")
        #expect(LogDisplayText.make([0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
    }

    @Test func lineEndsAreStrippedAndTabsKeepColumns() {
        func shown(_ text: String) -> String { LogDisplayText.make(Array(text.utf8)) }
        #expect(shown("windows\r") == "windows")
        #expect(shown("windows\r\r") == "windows")
        #expect(shown("a\tb") == "a       b")
        #expect(shown("abcdefgh\tc") == "abcdefgh        c")
        #expect(shown("\tx") == "        x")
        // A wide character takes two columns, so the tab after it is shorter.
        #expect(shown("界\tx") == "界      x")
        // A caret pair takes two.
        #expect(shown("\u{1B}\tx") == "^[      x")
    }

    @Test func aFiveMegabyteLineIsCutForDisplayAndHashedWhole() {
        var bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 5 * 1024 * 1024)
        bytes[10] = 0x1B
        // A multi-byte character straddling the display cut must not be split.
        let cut = LogLineLimits.default.displayBytes
        bytes.replaceSubrange((cut - 1)...(cut + 1), with: Array("界".utf8))
        let started = Date()
        let logLine = LogLine(sourceID: "big", sequence: 0, bytes: bytes)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(logLine.isCut)
        #expect(logLine.text.hasSuffix(" … [line cut: 5242880 bytes]"))
        #expect(logLine.text.utf8.count < cut + 64)
        #expect(!logLine.text.unicodeScalars.contains { Self.isDangerous($0) || $0 == "\u{FFFD}" })
        #expect(logLine.text.hasPrefix("AAAAAAAAAA^[AAA"))
        #expect(logLine.raw.count == LogLineLimits.default.rawBytes)
        #expect(!logLine.isRawComplete)
        #expect(logLine.rawLength == bytes.count)
        #expect(logLine.sha256 == Array(SHA256.hash(data: bytes)))
    }

    @Test func wideAndCombiningCharactersPassThrough() {
        let text = "日本語 café e\u{301} 🚨"
        #expect(LogDisplayText.make(Array(text.utf8)) == text)
    }
}
