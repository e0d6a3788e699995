import Testing
@testable import TerminalUI

@Suite("Keys and their spelling")
struct KeyTests {
    static let samples: [Key] = [
        .character("j"), .character("?"), .character("G"), .character(" "), .character("<"), .character(">"),
        .character("|"), .character("é"), .character("日"),
        .ctrl("c"), .ctrl("z"), .alt("x"), .alt("<"), .alt(" "),
        .up, .down, .left, .right, .enter, .escape, .tab, .backTab, .backspace, .delete, .insert,
        .pageUp, .pageDown, .home, .end, .function(1), .function(12), .function(24), .resize,
        .mouse(MouseEvent(button: .left, action: .click, x: 3, y: 4)),
        .mouse(MouseEvent(button: .right, action: .release, x: 0, y: 0)),
        .mouse(MouseEvent(button: .wheelDown, x: 10, y: 20)),
    ]

    @Test func spellings() {
        #expect(Key.character("j").spelling == "j")
        #expect(Key.down.spelling == "<Down>")
        #expect(Key.backTab.spelling == "<S-Tab>")
        #expect(Key.ctrl("c").spelling == "<C-c>")
        #expect(Key.character("?").spelling == "?")
        #expect(Key.character(" ").spelling == "<Space>")
        #expect(Key.character("<").spelling == "<lt>")
        #expect(Key.alt("<").spelling == "<M-lt>")
        #expect(Key.function(5).spelling == "<F5>")
        #expect(Key.mouse(MouseEvent(button: .wheelUp, x: 1, y: 2)).spelling == "<WheelUp@1,2>")
        #expect(Key.mouse(MouseEvent(button: .left, action: .press, x: 7, y: 8)).spelling == "<LeftPress@7,8>")
    }

    @Test func everySpellingParsesBack() {
        for key in Self.samples {
            #expect(Key(spelling: key.spelling) == key, "\(key.spelling)")
        }
    }

    @Test func parsingIsLenientInsideAngles() {
        #expect(Key(spelling: "<down>") == .down)
        #expect(Key(spelling: "<CR>") == .enter)
        #expect(Key(spelling: "<PgDn>") == .pageDown)
        #expect(Key(spelling: "<C-C>") == .ctrl("c"))
        #expect(Key(spelling: "<esc>") == .escape)
    }

    @Test func rejectsNonsense() {
        for text in ["", "<>", "<Nope>", "jj", "<C-1>", "<F0>", "<F25>", "\u{1B}", "\u{7F}", "<WheelUp@-1,2>", "<Left@1,2>", "\u{301}"] {
            #expect(Key(spelling: text) == nil, "\(text)")
        }
    }
}
