import TerminalUI

/// What woke the console's UI loop.
public enum TerminalEvent: Hashable, Sendable {
    /// A key, mouse event or Ctrl-combination (Ctrl-C arrives as `.ctrl("c")`).
    case key(Key)
    /// The terminal changed size (already applied; redraw at this size).
    case resize(Size)
    /// Background work called `Waker.wake()`: new messages are waiting.
    case wake
    /// The timeout passed with nothing to do (time to tick clocks, poll).
    case timeout
    /// The terminal went away (hang-up); the console should save and exit.
    case inputClosed
}
