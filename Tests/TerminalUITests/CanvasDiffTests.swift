import Testing
@testable import TerminalUI
import FirebreakTestSupport

@Suite("Canvas diff")
struct CanvasDiffTests {
    @Test func identicalCanvasesHaveNoChanges() {
        var a = Canvas(width: 10, height: 3)
        a.put("same", x: 1, y: 1)
        #expect(a.changes(from: a).isEmpty)
    }

    @Test func noPreviousFrameRepaintsEveryRow() {
        let canvas = Canvas(width: 4, height: 3)
        let changes = canvas.changes(from: nil)
        #expect(changes.map(\.y) == [0, 1, 2])
        #expect(changes.allSatisfy { $0.x == 0 && $0.cells.count == 4 })
        #expect(canvas.changes(from: Canvas(width: 5, height: 3)).count == 3)
    }

    @Test func onlyChangedRunsAreReported() {
        var before = Canvas(width: 10, height: 2)
        before.put("abcdefghij", x: 0, y: 0)
        var after = before
        after.put("XY", x: 2, y: 0)
        after.put("Z", x: 8, y: 0)
        after.put("q", x: 0, y: 1, role: .error)
        let changes = after.changes(from: before)
        #expect(changes.map { [$0.x, $0.y, $0.cells.count] } == [[2, 0, 2], [8, 0, 1], [0, 1, 1]])
        #expect(changes[0].cells.map(\.text) == ["X", "Y"])
        #expect(changes[2].cells[0].style == .role(.error))
    }

    @Test func styleOnlyChangesAreReported() {
        var before = Canvas(width: 4, height: 1)
        before.put("ab", x: 0, y: 0)
        var after = before
        after.put("b", x: 1, y: 0, role: .listSelected)
        #expect(after.changes(from: before).map(\.x) == [1])
    }

    @Test func wideGlyphsAreNeverSplitAcrossRuns() {
        var before = Canvas(width: 6, height: 1)
        before.put("日本", x: 0, y: 0)
        var after = before
        after.put("日", x: 2, y: 0, role: .error)   // same text, new style
        let changes = after.changes(from: before)
        #expect(changes.count == 1)
        #expect(changes[0].x == 2)
        #expect(changes[0].cells.count == 2)
        #expect(changes[0].cells[0].width == 2 && changes[0].cells[1].isContinuation)
    }

    @Test func changeInContinuationOnlyStartsAtTheWideCell() {
        var before = Canvas(width: 4, height: 1)
        before.put("ab", x: 0, y: 0)
        var after = Canvas(width: 4, height: 1)
        after.put("a日", x: 0, y: 0)    // cell 1 was "b", now 日; cell 2 was " ", now continuation
        let changes = after.changes(from: before)
        #expect(changes.count == 1)
        #expect(changes[0].x == 1)
        #expect(changes[0].cells.count == 2)
    }

    @Test func applyingChangesReproducesTheNewCanvas() {
        var generator = SeededGenerator(seed: 42)
        let words = ["日本", "abc", "🔥", "x", "──", "é"]
        for _ in 0..<100 {
            var before = Canvas(width: 12, height: 3)
            var after = Canvas(width: 12, height: 3)
            for _ in 0..<5 {
                before.put(words[Int(generator.next() % 6)], x: Int(generator.next() % 12), y: Int(generator.next() % 3))
                after.put(words[Int(generator.next() % 6)], x: Int(generator.next() % 12), y: Int(generator.next() % 3),
                          role: generator.next() % 2 == 0 ? .normal : .error)
            }
            // A fake terminal: start from `before`, write each change cell by cell.
            var screen = before.cells
            for change in after.changes(from: before) {
                #expect(!change.cells[0].isContinuation)
                for (offset, cell) in change.cells.enumerated() {
                    screen[change.y * 12 + change.x + offset] = cell
                }
            }
            #expect(screen == after.cells)
        }
    }
}
