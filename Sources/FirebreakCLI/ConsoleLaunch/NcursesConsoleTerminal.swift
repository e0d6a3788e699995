import Console
import Foundation
import NcursesTerminal
import TerminalUI

/// The console's terminal, backed by ncursesw.
final class NcursesConsoleTerminal: ConsoleTerminal {
    private let screen: NcursesScreen
    private let theme: Theme
    private var queued: [Key] = []
    private(set) var inputClosed = false

    init(screen: NcursesScreen, theme: Theme) {
        self.screen = screen
        self.theme = theme
    }

    var size: Size { screen.size }

    func present(_ canvas: Canvas) {
        screen.render(canvas, theme: theme)
    }

    func invalidate() {
        screen.invalidate()
    }

    func nextKey(timeout: TimeInterval) -> Key? {
        if !queued.isEmpty { return queued.removeFirst() }
        for event in screen.nextEvents(timeout: .milliseconds(Int(timeout * 1000))) {
            switch event {
            case .key(let key): queued.append(key)
            case .resize: queued.append(.resize)
            case .inputClosed: inputClosed = true
            case .wake, .timeout: break
            }
        }
        // Whatever woke us, make sure the next frame is drawn at the real size.
        if screen.synchronizeSize() != nil, !queued.contains(.resize) { queued.append(.resize) }
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    func makeWaker() -> any ConsoleWaker {
        ScreenWaker(waker: screen.waker)
    }
}

struct ScreenWaker: ConsoleWaker {
    let waker: Waker
    func wake() { waker.wake() }
}
