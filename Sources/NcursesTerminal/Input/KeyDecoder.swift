import CNcursesw
import TerminalUI

/// Turns what `get_wch` returns into `Key`s.
enum KeyDecoder {
    /// A key from a `get_wch` result: `isKeyCode` when it returned
    /// `KEY_CODE_YES`. Returns nil for codes Firebreak does not use (and for
    /// `KEY_MOUSE`, which needs `getmouse`). ESC is decoded by the caller,
    /// which must look at what follows.
    static func decode(_ code: UInt32, isKeyCode: Bool) -> Key? {
        if isKeyCode { return decodeKeyCode(Int32(bitPattern: code)) }
        switch code {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x01...0x1A: return .ctrl(Character(UnicodeScalar(UInt8(code) + 0x60)))
        case 0x00, 0x1C...0x1F: return nil
        default:
            guard let scalar = UnicodeScalar(code) else { return nil }
            let character = Character(scalar)
            return Key.isPrintable(character) ? .character(character) : nil
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            let f0 = fb_key_f(0)
            if code > f0, code <= f0 + 24 { return .function(Int(code - f0)) }
            return nil
        }
    }

    /// A mouse event from a curses mouse state.
    static func decodeMouse(x: Int32, y: Int32, state: mmask_t) -> MouseEvent? {
        let table: [(mmask_t, MouseEvent.Button, MouseEvent.Action)] = [
            (fb_button4_pressed(), .wheelUp, .press),
            (fb_button5_pressed(), .wheelDown, .press),
            (fb_button1_pressed(), .left, .press),
            (fb_button1_released(), .left, .release),
            (fb_button1_clicked(), .left, .click),
            (fb_button2_pressed(), .middle, .press),
            (fb_button2_released(), .middle, .release),
            (fb_button2_clicked(), .middle, .click),
            (fb_button3_pressed(), .right, .press),
            (fb_button3_released(), .right, .release),
            (fb_button3_clicked(), .right, .click),
        ]
        for (mask, button, action) in table where mask != 0 && state & mask != 0 {
            return MouseEvent(button: button, action: action, x: Int(max(0, x)), y: Int(max(0, y)))
        }
        return nil
    }
}
