import Testing
@testable import TerminalUI

@Suite("Canvas drawing and clipping")
struct CanvasTests {
    @Test func putWritesTextAndReturnsColumnsUsed() {
        var canvas = Canvas(width: 10, height: 2)
        let used = canvas.put("hello", x: 2, y: 1, role: .logError)
        #expect(used == 5)
        #expect(canvas.textLines() == ["          ", "  hello   "])
        #expect(canvas.role(x: 2, y: 1) == .logError)
        #expect(canvas.role(x: 7, y: 1) == .normal)
    }

    @Test func putClipsToMaxWidthAndCanvasEdge() {
        var canvas = Canvas(width: 8, height: 1)
        #expect(canvas.put("abcdefgh", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(canvas.textLines() == ["abc     "])
        #expect(canvas.put("WXYZ", x: 6, y: 0) == 2)
        #expect(canvas.textLines() == ["abc   WX"])
        #expect(canvas.put("nothing", x: 0, y: 5) == 0)
        #expect(canvas.put("nothing", x: 8, y: 0) == 0)
        #expect(canvas.put("nothing", x: 0, y: -1) == 0)
    }

    @Test func wideCharactersTakeTwoColumns() {
        var canvas = Canvas(width: 10, height: 1)
        let used = canvas.put("日本🔥a", x: 0, y: 0)
        #expect(used == 7)
        #expect(canvas[0, 0].text == "日")
        #expect(canvas[0, 0].width == 2)
        #expect(canvas[1, 0].isContinuation)
        #expect(canvas[4, 0].text == "🔥")
        #expect(canvas[6, 0].text == "a")
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == ["日本🔥a"])
    }

    @Test func wideCharacterAtTheClipEdgeIsPaddedNotSplit() {
        var canvas = Canvas(width: 6, height: 2)
        // "ab日" needs 4 columns; only 3 allowed: the 日 becomes a space.
        #expect(canvas.put("ab日", x: 0, y: 0, maxWidth: 3, role: .header) == 3)
        #expect(canvas[2, 0].text == " ")
        #expect(canvas[2, 0].width == 1)
        #expect(canvas.role(x: 2, y: 0) == .header)
        // At the right edge of the canvas.
        #expect(canvas.put("xyz日", x: 2, y: 1) == 4)
        #expect(canvas.textLines()[1] == "  xyz ")
        #expect(!canvas[5, 1].isContinuation)
    }

    @Test func wideCharacterStraddlingTheLeftClipShowsItsVisibleHalfAsSpace() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.fill(canvas.bounds, with: ".")
        canvas.withClip(Rect(x: 2, y: 0, width: 4, height: 1)) { canvas in
            canvas.put("日x", x: 1, y: 0)
        }
        #expect(canvas.textLines() == [".. x.."])
        for x in 0..<6 { #expect(!canvas[x, 0].isContinuation) }
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("日本", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)     // right half of 日
        #expect(canvas.textLines() == [" x本  "])
        canvas.put("y", x: 2, y: 0)     // left half of 本
        #expect(canvas.textLines() == [" xy   "])
        for x in 0..<6 {
            let cell = canvas[x, 0]
            if cell.isContinuation { #expect(canvas[x - 1, 0].width == 2) }
        }
    }

    @Test func combiningMarksStayOnTheirBase() {
        var canvas = Canvas(width: 5, height: 1)
        let used = canvas.put("e\u{301}a\u{308}", x: 0, y: 0)
        #expect(used == 2)
        #expect(canvas[0, 0].text == "e\u{301}")
        #expect(canvas[1, 0].text == "a\u{308}")
        // A leading mark gets a space to sit on instead of joining what is on screen.
        var other = Canvas(width: 3, height: 1)
        other.put("\u{301}b", x: 0, y: 0)
        #expect(other[0, 0].text == " \u{301}")
        #expect(other[1, 0].text == "b")
    }

    @Test func zalgoTextIsCappedPerCell() {
        var canvas = Canvas(width: 3, height: 1)
        canvas.put("a" + String(repeating: "\u{301}", count: 50), x: 0, y: 0)
        #expect(canvas[0, 0].text.unicodeScalars.count == 1 + TextSanitizer.maximumMarks)
    }

    @Test func boxDrawsFrameAndTitleAndReturnsInnerRect() {
        var canvas = Canvas(width: 12, height: 4)
        let inner = canvas.box(canvas.bounds, title: "Res")
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(canvas.textLines() == [
            "┌ Res ─────┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        #expect(canvas.role(x: 0, y: 0) == .paneBorder)
        #expect(canvas.role(x: 2, y: 0) == .paneTitle)
    }

    @Test func longBoxTitleIsTruncatedWithEllipsis() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.box(canvas.bounds, title: "A very long title")
        #expect(canvas.textLines()[0] == "┌ A very…┐")
    }

    @Test func tinyBoxesDoNotCrash() {
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 2, height: 2), Size(width: 1, height: 5)] {
            var canvas = Canvas(size: size)
            canvas.box(canvas.bounds, title: "Title")
            canvas.box(Rect(x: -3, y: -3, width: 10, height: 10), title: "x")
        }
        var canvas = Canvas(width: 2, height: 2)
        canvas.box(canvas.bounds)
        #expect(canvas.textLines() == ["┌┐", "└┘"])
    }

    @Test func withClipKeepsDrawingInsideTheRect() {
        var canvas = Canvas(width: 6, height: 3)
        canvas.withClip(Rect(x: 1, y: 1, width: 3, height: 1)) { canvas in
            canvas.fill(canvas.bounds, with: "#")
            canvas.put("abcdef", x: 0, y: 1)
        }
        #expect(canvas.textLines() == ["      ", " bcd  ", "      "])
        #expect(canvas.clipRect == canvas.bounds)
    }

    @Test func fillWithWideCharacterPadsOddWidth() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.fill(canvas.bounds, with: "█")
        canvas.fill(canvas.bounds, with: "日")
        #expect(canvas.textLines() == ["日日 "])
    }

    @Test func linesAndSpans() {
        var canvas = Canvas(width: 6, height: 3)
        canvas.horizontalLine(x: 0, y: 0, length: 6)
        canvas.verticalLine(x: 5, y: 0, length: 3, character: "|")
        let used = canvas.put([Span("ab", role: .phaseDone), Span("日", role: .phaseCurrent), Span("xyz", role: .phaseAhead)], x: 0, y: 1, maxWidth: 5)
        #expect(used == 5)
        #expect(canvas.textLines() == ["─────|", "ab日x|", "     |"])
        #expect(canvas.role(x: 2, y: 1) == .phaseCurrent)
        #expect(canvas.role(x: 4, y: 1) == .phaseAhead)
    }

    @Test func putTruncatedAddsEllipsisOnlyWhenNeeded() {
        var canvas = Canvas(width: 8, height: 2)
        #expect(canvas.putTruncated("abc", x: 0, y: 0, maxWidth: 5) == 3)
        #expect(canvas.putTruncated("abcdefgh", x: 0, y: 1, maxWidth: 5) == 5)
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == ["abc", "abcd…"])
    }
}
