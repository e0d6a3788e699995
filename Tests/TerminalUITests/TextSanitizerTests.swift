import Testing
@testable import TerminalUI
import FirebreakTestSupport

/// Text drawn by the console comes from AWS and from attackers' logs: no
/// control character may ever reach a cell.
@Suite("Sanitising untrusted text")
struct TextSanitizerTests {
    /// True for every scalar a terminal could interpret instead of print.
    static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func assertClean(_ canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                for scalar in canvas[x, y].text.unicodeScalars {
                    #expect(!isDangerous(scalar), "U+\(String(scalar.value, radix: 16)) at \(x),\(y)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func escapeSequencesBecomeVisibleCaretNotation() {
        var canvas = Canvas(width: 30, height: 1)
        canvas.put("a\u{1B}[2Jb\u{1B}]0;pwned\u{07}c", x: 0, y: 0)
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == ["a^[[2Jb^[]0;pwned^Gc"])
        Self.assertClean(canvas)
    }

    @Test func c1ControlsAndDelAreReplaced() {
        // U+009B is CSI on terminals that honour 8-bit controls.
        #expect(TextSanitizer.sanitize("x\u{9B}31mred\u{7F}") == "x\u{FFFD}31mred^?")
        #expect(TextSanitizer.sanitize("\u{85}\u{9D}") == "\u{FFFD}\u{FFFD}")
    }

    @Test func newlinesCarriageReturnsAndTabs() {
        #expect(TextSanitizer.sanitize("line1\r\nline2\tend") == "line1^M^Jline2 end")
        #expect(TextSanitizer.sanitize("\u{0}") == "^@")
    }

    @Test func bidiOverridesAndIsolatesAreReplaced() {
        // "invoice_\u{202E}fdp.exe" renders as "invoice_exe.pdf" when honoured.
        let spoof = "invoice_\u{202E}fdp.exe"
        #expect(TextSanitizer.sanitize(spoof) == "invoice_\u{FFFD}fdp.exe")
        for scalar in [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069] {
            let text = "a" + String(UnicodeScalar(UInt32(scalar))!) + "b"
            #expect(TextSanitizer.sanitize(text) == "a\u{FFFD}b", "U+\(String(scalar, radix: 16))")
        }
    }

    @Test func substitutesAreMarkedSoTheyCannotCarryMarks() {
        let glyphs = TextSanitizer.glyphs("\u{1B}\u{301}")
        #expect(glyphs.map(\.text) == ["^", "[", " \u{301}"])
        #expect(glyphs[0].isSubstitute && glyphs[1].isSubstitute && !glyphs[2].isSubstitute)
    }

    @Test func zeroWidthJoinersAndVariationSelectorsAreDropped() {
        // Each person of a ZWJ family is drawn on its own, two columns each.
        let glyphs = TextSanitizer.glyphs("👨\u{200D}👩\u{200D}👧❤\u{FE0F}")
        #expect(glyphs.map(\.text) == ["👨", "👩", "👧", "❤"])
        #expect(glyphs.map(\.width) == [2, 2, 2, 1])
    }

    @Test func unprintableScalarsAreReplaced() {
        // U+0378 is unassigned; U+FFFF is a noncharacter.
        #expect(TextSanitizer.sanitize("a\u{378}b\u{FFFF}") == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func randomHostileInputNeverReachesACell() {
        var generator = SeededGenerator(seed: 0xF12E)
        let interesting: [UInt32] = [0x1B, 0x9B, 0x7F, 0x0D, 0x0A, 0x08, 0x202E, 0x2066, 0x200F, 0x301, 0x200D, 0xFE0F, 0x65E5, 0x1F525, 0x41, 0x20]
        for _ in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 40) {
                let pick = generator.next()
                if pick % 3 == 0 {
                    text.append(UnicodeScalar(interesting[Int(pick / 3 % UInt64(interesting.count))])!)
                } else if let scalar = UnicodeScalar(UInt32(pick % 0x3000)) {
                    text.append(scalar)
                }
            }
            let string = String(text)
            var canvas = Canvas(width: 25, height: 2)
            let used = canvas.put(string, x: 3, y: 1, maxWidth: 20)
            #expect(used <= 20)
            Self.assertClean(canvas)
            // Grid invariant: a continuation cell always follows a wide cell.
            for x in 0..<canvas.width where canvas[x, 1].isContinuation {
                #expect(x > 0 && canvas[x - 1, 1].width == 2)
            }
        }
    }

    @Test func displayWidthMatchesTheCLibraryForCommonScripts() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("🔥✅") == 4)
        #expect(DisplayWidth.of("✓→│") == 3)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{1B}") == 2)   // drawn as ^[
    }
}

