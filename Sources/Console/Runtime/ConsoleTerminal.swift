import Foundation
import TerminalUI

/// What the console needs from a terminal. `NcursesTerminal` provides the
/// real one; tests drive the console with an in-memory one.
public protocol ConsoleTerminal: AnyObject {
    /// The screen size now.
    var size: Size { get }
    /// Shows a frame (writing only what changed since the previous one).
    func present(_ canvas: Canvas)
    /// Waits at most `timeout` seconds for a key (or resize, or mouse event);
    /// nil when the time ran out or `ConsoleWaker.wake()` was called.
    func nextKey(timeout: TimeInterval) -> Key?
    /// A handle that wakes `nextKey` from any thread.
    func makeWaker() -> any ConsoleWaker
    /// True once the terminal has gone away (hang-up): the console exits.
    var inputClosed: Bool { get }
    /// Forgets what is on the screen, so the next `present` repaints every cell (Ctrl-L).
    func invalidate()
}

extension ConsoleTerminal {
    /// Terminals that keep no previous frame have nothing to forget.
    public func invalidate() {}
}

/// Wakes the UI loop from a background thread.
public protocol ConsoleWaker: Sendable {
    func wake()
}
