import Testing
@testable import TerminalUI

@Suite("List view")
struct ListViewTests {
    @Test func movingKeepsTheSelectionVisible() {
        var list = ListView(count: 100, viewportHeight: 10)
        #expect(list.selection == 0 && list.offset == 0)
        list.moveDown(by: 9)
        #expect(list.selection == 9 && list.offset == 0)
        list.moveDown()
        #expect(list.selection == 10 && list.offset == 1)
        list.moveUp(by: 5)
        #expect(list.selection == 5 && list.offset == 1)
        list.moveUp(by: 5)
        #expect(list.selection == 0 && list.offset == 0)
        list.moveUp()
        #expect(list.selection == 0)
        list.selectLast()
        #expect(list.selection == 99 && list.offset == 90)
        list.moveDown()
        #expect(list.selection == 99)
    }

    @Test func pagingKeepsOneRowOfContext() {
        var list = ListView(count: 100, viewportHeight: 10)
        list.pageDown()
        #expect(list.selection == 9 && list.offset == 9)
        list.pageDown()
        #expect(list.selection == 18 && list.offset == 18)
        list.pageUp()
        #expect(list.selection == 9 && list.offset == 9)
        list.selectLast()
        list.pageDown()
        #expect(list.selection == 99 && list.offset == 90)
        list.selectFirst()
        list.pageUp()
        #expect(list.selection == 0 && list.offset == 0)
    }

    @Test func shrinkingDataOrViewportKeepsEverythingValid() {
        var list = ListView(count: 50, viewportHeight: 10)
        list.select(45)
        list.setCount(20)
        #expect(list.selection == 19 && list.offset == 10)
        list.setCount(0)
        #expect(list.selection == nil && list.offset == 0 && list.visibleRange.isEmpty)
        list.moveDown()
        list.pageDown()
        #expect(list.selection == nil)
        list.setCount(3)
        #expect(list.selection == 0)
        var tall = ListView(count: 30, selection: 25, viewportHeight: 30)
        tall.setViewportHeight(5)
        #expect(tall.visibleRange.contains(25))
        tall.setViewportHeight(0)
        #expect(tall.visibleRange == 25..<26)
    }

    @Test func drawsVisibleRowsWithTheSelectionHighlighted() {
        var list = ListView(count: 6, selection: 4)
        var canvas = Canvas(width: 8, height: 3)
        list.draw(into: &canvas, rect: canvas.bounds, focused: true) { [Span("row \($0)", role: .logInfo)] }
        // Scrolled as far as the list allows, the selection in view.
        #expect(list.offset == 3)
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == ["row 3", "row 4", "row 5"])
        #expect(canvas.role(x: 0, y: 1) == .listSelected)
        #expect(canvas.role(x: 7, y: 1) == .listSelected, "selection spans the full width")
        #expect(canvas.role(x: 0, y: 2) == .logInfo)
        list.select(0)
        list.draw(into: &canvas, rect: canvas.bounds, focused: false) { [Span("row \($0)")] }
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == ["row 0", "row 1", "row 2"])
        #expect(canvas.role(x: 0, y: 0) == .listSelectedUnfocused)
    }

    @Test func emptyListShowsItsPlaceholder() {
        var list = ListView()
        var canvas = Canvas(width: 12, height: 2)
        list.draw(into: &canvas, rect: canvas.bounds, focused: true, emptyText: "no resources") { _ in [] }
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == ["no resources", ""])
        #expect(canvas.role(x: 0, y: 0) == .dim)
    }

    @Test func navigationKeysAndWheel() {
        var list = ListView(count: 20, viewportHeight: 5)
        let usedDown = list.handle(.down)
        let usedEnd = list.handle(.end)
        #expect(usedDown && usedEnd)
        #expect(list.selection == 19)
        let usedWheel = list.handle(.mouse(MouseEvent(button: .wheelUp, x: 0, y: 0)))
        #expect(usedWheel)
        #expect(list.selection == 16)
        let usedJ = list.handle(.character("j"))
        #expect(!usedJ)
    }
}

@Suite("Prompt")
struct PromptTests {
    @Test func editingKeys() {
        var prompt = Prompt(label: "Note: ")
        for c in "hello" { #expect(prompt.handle(.character(c)) == .edited) }
        #expect(prompt.text == "hello" && prompt.cursor == 5)
        #expect(prompt.handle(.left) == .moved)
        #expect(prompt.handle(.left) == .moved)
        #expect(prompt.handle(.backspace) == .edited)
        #expect(prompt.text == "helo" && prompt.cursor == 2)
        #expect(prompt.handle(.delete) == .edited)
        #expect(prompt.text == "heo")
        #expect(prompt.handle(.home) == .moved)
        #expect(prompt.handle(.backspace) == .ignored)
        #expect(prompt.handle(.character("X")) == .edited)
        #expect(prompt.text == "Xheo")
        #expect(prompt.handle(.end) == .moved)
        #expect(prompt.handle(.delete) == .ignored)
        #expect(prompt.handle(.right) == .ignored)
        #expect(prompt.handle(.enter) == .submitted("Xheo"))
        #expect(prompt.handle(.escape) == .cancelled)
        #expect(prompt.handle(.pageDown) == .ignored)
    }

    @Test func emacsStyleKills() {
        var prompt = Prompt(text: "aws ec2 stop-instances", selectsText: false)
        #expect(prompt.handle(.ctrl("w")) == .edited)
        #expect(prompt.text == "aws ec2 ")
        prompt.handle(.ctrl("a"))
        prompt.handle(.right)
        #expect(prompt.handle(.ctrl("k")) == .edited)
        #expect(prompt.text == "a")
        #expect(prompt.handle(.ctrl("u")) == .edited)
        #expect(prompt.text == "")
    }

    @Test func pastedControlCharactersAreDroppedAndLengthIsCapped() {
        var prompt = Prompt(maxLength: 8)
        prompt.insert("ab\u{1B}[2J\ncd\u{202E}")
        #expect(prompt.text == "ab[2Jcd")
        prompt.insert("xyz")
        #expect(prompt.text == "ab[2Jcdx")
        #expect(prompt.handle(.character("q")) == .ignored)
    }

    @Test func editingClearsTheError() {
        var prompt = Prompt(text: "abc")
        prompt.error = "type the key id to confirm"
        #expect(prompt.height == 2)
        prompt.handle(.left)
        #expect(prompt.error != nil, "moving is not editing")
        prompt.handle(.backspace)
        #expect(prompt.error == nil)
    }

    @Test func drawsPlaceholderCursorAndError() {
        var prompt = Prompt(label: "> ", placeholder: "key id")
        prompt.error = "no such key"
        var canvas = Canvas(width: 12, height: 2)
        prompt.draw(into: &canvas, rect: canvas.bounds)
        #expect(canvas.textLines(trimmingTrailingSpaces: true) == [">  key id", "no such key"])
        #expect(canvas.role(x: 2, y: 0) == .promptCursor)
        #expect(canvas.role(x: 3, y: 0) == .promptPlaceholder)
        #expect(canvas.role(x: 0, y: 1) == .error)
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        var prompt = Prompt(label: "> ", text: "0123456789abcdef")
        var canvas = Canvas(width: 10, height: 1)
        prompt.draw(into: &canvas, rect: canvas.bounds)
        #expect(canvas.textLines() == ["> 9abcdef "])
        #expect(canvas.role(x: 9, y: 0) == .promptCursor)
        prompt.handle(.home)
        prompt.draw(into: &canvas, rect: canvas.bounds)
        #expect(canvas.textLines() == ["> 01234567"])
        #expect(canvas.role(x: 2, y: 0) == .promptCursor)
    }

    @Test func wideTextAndTinyRects() {
        let prompt = Prompt(label: "名前: ", text: "日本語日本語")
        var canvas = Canvas(width: 12, height: 1)
        prompt.draw(into: &canvas, rect: canvas.bounds)
        let line = canvas.textLines()[0]
        #expect(line.hasPrefix("名前: "))
        #expect(line.hasPrefix("名前: 本語 "), "the last characters that fit before the cursor")
        #expect(canvas.role(x: 10, y: 0) == .promptCursor)
        for x in 0..<12 where canvas[x, 0].isContinuation { #expect(canvas[x - 1, 0].width == 2) }
        for width in 0...4 {
            var tiny = Canvas(width: width, height: 1)
            prompt.draw(into: &tiny, rect: tiny.bounds)
        }
    }
}
