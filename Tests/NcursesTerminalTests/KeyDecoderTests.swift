import CNcursesw
import Testing
import TerminalUI
@testable import NcursesTerminal

@Suite("Decoding curses input")
struct KeyDecoderTests {
    @Test func controlBytes() {
        #expect(KeyDecoder.decode(0x03, isKeyCode: false) == .ctrl("c"), "Ctrl-C arrives as a key in raw mode")
        #expect(KeyDecoder.decode(0x1A, isKeyCode: false) == .ctrl("z"))
        #expect(KeyDecoder.decode(0x09, isKeyCode: false) == .tab)
        #expect(KeyDecoder.decode(0x0D, isKeyCode: false) == .enter)
        #expect(KeyDecoder.decode(0x0A, isKeyCode: false) == .enter)
        #expect(KeyDecoder.decode(0x7F, isKeyCode: false) == .backspace)
        #expect(KeyDecoder.decode(0x08, isKeyCode: false) == .backspace)
        #expect(KeyDecoder.decode(0x1B, isKeyCode: false) == .escape)
        #expect(KeyDecoder.decode(0x00, isKeyCode: false) == nil)
        #expect(KeyDecoder.decode(0x9B, isKeyCode: false) == nil, "a C1 control is never a character key")
    }

    @Test func characters() {
        #expect(KeyDecoder.decode(UInt32(UInt8(ascii: "j")), isKeyCode: false) == .character("j"))
        #expect(KeyDecoder.decode(0x65E5, isKeyCode: false) == .character("日"))
        #expect(KeyDecoder.decode(0x202E, isKeyCode: false) == nil)
    }

    @Test func keyCodes() {
        let cases: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp),
            (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter),
            (KEY_BTAB, .backTab), (KEY_RESIZE, .resize), (fb_key_f(1), .function(1)), (fb_key_f(12), .function(12)),
        ]
        for (code, key) in cases {
            #expect(KeyDecoder.decode(UInt32(bitPattern: code), isKeyCode: true) == key, "\(code)")
        }
        #expect(KeyDecoder.decode(UInt32(bitPattern: fb_key_f(0)), isKeyCode: true) == nil)
    }

    @Test func mouseButtonsAndWheel() {
        #expect(KeyDecoder.decodeMouse(x: 3, y: 4, state: fb_button1_pressed()) == MouseEvent(button: .left, action: .press, x: 3, y: 4))
        #expect(KeyDecoder.decodeMouse(x: 3, y: 4, state: fb_button1_released()) == MouseEvent(button: .left, action: .release, x: 3, y: 4))
        #expect(KeyDecoder.decodeMouse(x: 0, y: 1, state: fb_button4_pressed()) == MouseEvent(button: .wheelUp, x: 0, y: 1))
        #expect(KeyDecoder.decodeMouse(x: 0, y: 1, state: fb_button5_pressed()) == MouseEvent(button: .wheelDown, x: 0, y: 1))
        #expect(KeyDecoder.decodeMouse(x: 0, y: 1, state: fb_button3_pressed()) == MouseEvent(button: .right, action: .press, x: 0, y: 1))
        #expect(KeyDecoder.decodeMouse(x: 0, y: 0, state: 0) == nil)
    }
}
