/// A key press (or resize, or mouse event) as the console sees it.
///
/// Each key has a stable spelling used in key-binding tables, help and docs:
/// `j`, `?`, `<Down>`, `<S-Tab>`, `<C-c>`, `<M-x>`, `<F5>`, `<Space>`, `<lt>`.
/// See `Key+Spelling.swift`.
public enum Key: Hashable, Sendable {
    /// A printable character (never a control character).
    case character(Character)
    /// Ctrl plus a lowercase letter `a`–`z` (Ctrl-I, Ctrl-M and Ctrl-[ arrive
    /// as `.tab`, `.enter` and `.escape`, as terminals cannot tell them apart).
    case ctrl(Character)
    /// Alt (Meta) plus a printable character: terminals send ESC then the key.
    case alt(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete, insert
    case pageUp, pageDown, home, end
    /// F1…F24.
    case function(Int)
    /// The terminal changed size; the new size comes with the event.
    case resize
    case mouse(MouseEvent)
}
