import Testing
@testable import TerminalUI

@Suite("Layout")
struct LayoutTests {
    static let sizes = [
        Size(width: 200, height: 60), Size(width: 120, height: 40), Size(width: 80, height: 24),
        Size(width: 40, height: 12), Size(width: 1, height: 1), Size(width: 0, height: 0),
        Size(width: 79, height: 30), Size(width: 30, height: 8), Size(width: 29, height: 8), Size(width: 300, height: 3),
    ]

    @Test(arguments: sizes)
    func everyRectStaysOnScreenWithoutOverlap(size: Size) {
        for focused in 0..<4 {
            let layout = ConsoleLayout(size: size, focusedPane: focused)
            let screen = Rect(size: size)
            let regions = [layout.header, layout.footer] + layout.panes
            #expect(layout.panes.count == 4)
            for rect in regions + [layout.body] { #expect(screen.contains(rect), "\(rect) in \(size)") }
            for (i, a) in regions.enumerated() {
                for b in regions[(i + 1)...] where !a.isEmpty && !b.isEmpty {
                    #expect(a.intersection(b).isEmpty, "\(a) overlaps \(b) at \(size)")
                }
            }
            // Drawing the whole console never crashes.
            var canvas = Canvas(size: size)
            if layout.arrangement == .tooSmall {
                TooSmallScreen.draw(into: &canvas, required: ConsoleLayout.minimumSize)
            } else {
                canvas.put("Firebreak", x: layout.header.x, y: layout.header.y, maxWidth: layout.header.width, role: .header)
                for (index, rect) in layout.visiblePanes {
                    Pane(title: "Pane \(index)", focused: index == focused).draw(into: &canvas, rect: rect)
                }
                StatusLine(hints: [KeyHint(key: "q", label: "quit")]).draw(into: &canvas, rect: layout.footer)
            }
        }
    }

    @Test func arrangementsBySize() {
        func arrangement(_ w: Int, _ h: Int) -> ConsoleLayout.Arrangement { ConsoleLayout(size: Size(width: w, height: h)).arrangement }
        #expect(arrangement(200, 60) == .grid)
        #expect(arrangement(120, 40) == .grid)
        #expect(arrangement(80, 24) == .grid)
        #expect(arrangement(79, 30) == .stacked)
        #expect(arrangement(40, 12) == .single)
        #expect(arrangement(1, 1) == .tooSmall)
        #expect(arrangement(0, 0) == .tooSmall)
    }

    @Test func gridAt120x40TilesTheBody() {
        let layout = ConsoleLayout(size: Size(width: 120, height: 40))
        #expect(layout.header == Rect(x: 0, y: 0, width: 120, height: 1))
        #expect(layout.footer == Rect(x: 0, y: 39, width: 120, height: 1))
        #expect(layout.body == Rect(x: 0, y: 1, width: 120, height: 38))
        #expect(layout.panes == [
            Rect(x: 0, y: 1, width: 60, height: 19), Rect(x: 60, y: 1, width: 60, height: 19),
            Rect(x: 0, y: 20, width: 60, height: 19), Rect(x: 60, y: 20, width: 60, height: 19),
        ])
    }

    @Test func narrowTerminalsStackOrShowTheFocusedPane() {
        let stacked = ConsoleLayout(size: Size(width: 60, height: 30))
        #expect(stacked.panes.map(\.width) == [60, 60, 60, 60])
        #expect(stacked.panes.map(\.height).reduce(0, +) == 28)
        #expect(stacked.panes.allSatisfy { $0.height >= 5 })
        let single = ConsoleLayout(size: Size(width: 40, height: 12), focusedPane: 2)
        #expect(single.visiblePanes.map(\.index) == [2])
        #expect(single.panes[2] == Rect(x: 0, y: 1, width: 40, height: 10))
    }

    @Test func rectSplittingClampsInsteadOfCrashing() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 4)
        #expect(rect.splitTop(1).top == Rect(x: 2, y: 3, width: 10, height: 1))
        #expect(rect.splitTop(99).rest.isEmpty)
        #expect(rect.splitLeft(-5).left.isEmpty)
        #expect(rect.splitRight(3).right == Rect(x: 9, y: 3, width: 3, height: 4))
        #expect(rect.columns(3).map(\.width) == [3, 3, 4])
        #expect(rect.columns(weights: [1, 3]).map(\.width) == [2, 8])
        #expect(rect.rows(weights: [0, 0]).map(\.height) == [2, 2])
        #expect(rect.inset(by: 9).isEmpty)
        #expect(rect.centered(Size(width: 4, height: 2)) == Rect(x: 5, y: 4, width: 4, height: 2))
        #expect(Rect.zero.columns(4).allSatisfy { $0.isEmpty })
        #expect(Rect(x: 0, y: 0, width: -4, height: 3).width == 0)
    }
}
