import Testing
@testable import TerminalUI

@Suite("Pane, modal, footer, too-small screen")
struct WidgetTests {
    @Test func focusedPaneLooksDifferentEvenWithoutColour() {
        var canvas = Canvas(width: 20, height: 4)
        let inner = Pane(title: "Phases", focused: true, info: "3/7").draw(into: &canvas, rect: canvas.bounds)
        #expect(inner == Rect(x: 1, y: 1, width: 18, height: 2))
        #expect(canvas.textLines()[0] == "┏ Phases ━━━━━ 3/7 ┓")
        #expect(canvas.role(x: 0, y: 0) == .paneBorderFocused)
        #expect(canvas.role(x: 2, y: 0) == .paneTitleFocused)
        Pane(title: "Phases").draw(into: &canvas, rect: canvas.bounds)
        #expect(canvas.textLines()[0] == "┌ Phases ──────────┐")
        #expect(canvas.role(x: 0, y: 0) == .paneBorder)
    }

    @Test func paneInfoIsDroppedRatherThanOverlappingTheTitle() {
        var canvas = Canvas(width: 14, height: 3)
        Pane(title: "Resources", info: "12/40").draw(into: &canvas, rect: canvas.bounds)
        #expect(canvas.textLines()[0] == "┌ Resources ─┐")
    }

    @Test func modalIsCentredAndClippedToTheScreen() {
        let modal = Modal(title: "Stop instance?", text: ["i-0abc will be stopped.", "Snapshot first."],
                          footer: [Span("y", role: .helpKey), Span(" confirm", role: .modal)])
        var canvas = Canvas(width: 40, height: 12)
        let body = modal.draw(into: &canvas, area: canvas.bounds)
        let frame = modal.frame(in: canvas.bounds)
        // Frame, two lines, a blank, the footer, frame.
        #expect(frame == Rect(x: 6, y: 3, width: 27, height: 6))
        #expect(body == Rect(x: 8, y: 4, width: 23, height: 2))
        let lines = canvas.textLines()
        #expect(lines[3].hasPrefix("      ╔ Stop instance? ═"))
        #expect(lines[4] == "      ║ i-0abc will be stopped. ║       ")
        #expect(lines[7].hasPrefix("      ║ y confirm"))
        #expect(canvas.role(x: 8, y: 4) == .modal)
        #expect(canvas.role(x: 8, y: 7) == .helpKey)
        #expect(lines[2].allSatisfy { $0 == " " })

        var small = Canvas(width: 12, height: 4)
        modal.draw(into: &small, area: small.bounds)
        #expect(small.textLines()[0].hasPrefix("╔ Stop"))
        for size in [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 3, height: 2)] {
            var tiny = Canvas(size: size)
            modal.draw(into: &tiny, area: tiny.bounds)
        }
    }

    @Test func modalWithTooManyLinesEndsWithEllipsis() {
        let modal = Modal(title: "Log", text: (1...20).map { "line \($0)" })
        var canvas = Canvas(width: 20, height: 8)
        let body = modal.draw(into: &canvas, area: canvas.bounds)
        #expect(body.height == 6)
        #expect(canvas.textLines(trimmingTrailingSpaces: true)[6].contains("║ … "))
        #expect(canvas.textLines()[5].contains("║ line 5 "))
    }

    @Test func footerTruncatesWholeHints() {
        let hints = [KeyHint(key: "q", label: "quit"), KeyHint(key: "?", label: "help"), KeyHint(key: "c", label: "contain")]
        var wide = Canvas(width: 40, height: 1)
        StatusLine(hints: hints, status: [Span("LIVE")]).draw(into: &wide, rect: wide.bounds)
        #expect(wide.textLines()[0] == "q quit  ? help  c contain" + String(repeating: " ", count: 11) + "LIVE")
        #expect(wide.role(x: 0, y: 0) == .footerKey)
        #expect(wide.role(x: 2, y: 0) == .footer)

        var narrow = Canvas(width: 20, height: 1)
        StatusLine(hints: hints, status: [Span("LIVE")]).draw(into: &narrow, rect: narrow.bounds)
        #expect(narrow.textLines()[0] == "q quit  ? help  LIVE")

        var tighter = Canvas(width: 17, height: 1)
        StatusLine(hints: hints, status: [Span("LIVE")]).draw(into: &tighter, rect: tighter.bounds)
        #expect(tighter.textLines()[0] == "q quit  …    LIVE")

        for width in 0...6 {
            var tiny = Canvas(width: width, height: 1)
            StatusLine(hints: hints, status: [Span("REPLAY 00:12")]).draw(into: &tiny, rect: tiny.bounds)
            #expect(!tiny.textLines()[0].contains("contain"))
        }
    }

    @Test func tooSmallScreenSaysWhatIsNeeded() {
        var canvas = Canvas(width: 50, height: 5)
        TooSmallScreen.draw(into: &canvas, required: Size(width: 80, height: 24))
        #expect(canvas.textSnapshot.contains("Terminal too small: need 80×24, have 50×5"))
        var narrow = Canvas(width: 20, height: 6)
        TooSmallScreen.draw(into: &narrow, required: Size(width: 80, height: 24))
        #expect(narrow.textSnapshot.contains("need 80×24, have 20"))
        for size in [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 3, height: 1)] {
            var tiny = Canvas(size: size)
            TooSmallScreen.draw(into: &tiny, required: Size(width: 80, height: 24))
        }
    }
}
