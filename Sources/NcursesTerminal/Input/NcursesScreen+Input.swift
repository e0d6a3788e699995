import CNcursesw
import Glibc
import TerminalUI

extension NcursesScreen {
    /// Waits until there is something to do, then returns everything that is
    /// ready: keys (typed-ahead keys come together, so the console can apply
    /// them all and draw once), a resize, a wake-up from `waker`, or
    /// `.timeout` when `timeout` passed first. A nil timeout waits forever.
    ///
    /// Sleeps in `poll` on the terminal's input and the waker's pipe: no busy
    /// waiting, and a `wake()` from any thread returns it at once.
    public func nextEvents(timeout: Duration?) -> [TerminalEvent] {
        if !pendingEvents.isEmpty {
            defer { pendingEvents.removeAll() }
            return pendingEvents
        }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            var events = readAvailableInput()
            if !events.isEmpty { return events }
            var descriptors = [
                pollfd(fd: options.inputFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: waker.readFD, events: Int16(POLLIN), revents: 0),
            ]
            var milliseconds: Int32 = -1
            if let deadline {
                let remaining = deadline - ContinuousClock.now
                let (seconds, attoseconds) = remaining.components
                milliseconds = remaining <= .zero ? 0 : Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            }
            let ready = poll(&descriptors, 2, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return [.inputClosed]
            }
            if ready == 0 { return [.timeout] }
            if descriptors[1].revents != 0 {
                let bytes = waker.drain()
                if bytes.contains(TerminalRestorer.resizeByte) {
                    events += readAvailableInput()
                    if !events.contains(where: { if case .resize = $0 { return true } else { return false } }),
                       let resized = applyResizeManually() {
                        events.append(resized)
                    }
                }
                if bytes.contains(Waker.wakeByte) { events.append(.wake) }
            }
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                events += readAvailableInput()
            }
            // A hung-up terminal (its window or tmux pane closed) reports
            // POLLIN with POLLHUP or POLLERR, and every read fails at once:
            // checking POLLIN alone would loop here at full speed forever.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                events.append(.inputClosed)
            }
            if !events.isEmpty { return events }
        }
    }

    /// One event at a time, for simple loops and tests.
    public func nextEvent(timeout: Duration?) -> TerminalEvent {
        let events = nextEvents(timeout: timeout)
        pendingEvents = Array(events.dropFirst()) + pendingEvents
        return events.first ?? .timeout
    }

    /// Reads every key ncurses can give without waiting.
    private func readAvailableInput() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        while let event = readOne() {
            if let event { events.append(event) }
        }
        return events
    }

    /// nil: nothing available. .some(nil): something was read but it is not a
    /// key Firebreak uses.
    private func readOne() -> TerminalEvent?? {
        var code: wint_t = 0
        let status = wget_wch(fb_stdscr(), &code)
        if status == ERR { return nil }
        let isKeyCode = status == KEY_CODE_YES
        if isKeyCode, Int32(code) == KEY_MOUSE {
            var event = MEVENT()
            guard getmouse(&event) == OK,
                  let mouse = KeyDecoder.decodeMouse(x: event.x, y: event.y, state: event.bstate) else { return .some(nil) }
            return .some(.key(.mouse(mouse)))
        }
        if isKeyCode, Int32(code) == KEY_RESIZE {
            previousFrame = nil
            return .some(.resize(size))
        }
        if !isKeyCode, code == 0x1B {
            // ESC followed at once by a character is Alt+character.
            var next: wint_t = 0
            let nextStatus = wget_wch(fb_stdscr(), &next)
            if nextStatus == OK, case .character(let c)? = KeyDecoder.decode(UInt32(next), isKeyCode: false) {
                return .some(.key(.alt(c)))
            }
            if nextStatus != ERR {
                let following = KeyDecoder.decode(UInt32(next), isKeyCode: nextStatus == KEY_CODE_YES)
                if let following { pendingEvents.append(.key(following)) }
            }
            return .some(.key(.escape))
        }
        return .some(KeyDecoder.decode(UInt32(code), isKeyCode: isKeyCode).map { .key($0) })
    }

    /// Asks the kernel for the terminal's size and, if ncurses still has an
    /// older one (a burst of SIGWINCH can leave it behind), resizes to it.
    /// Returns the resize event when the size changed. Cheap: one ioctl.
    public func synchronizeSize() -> TerminalEvent? {
        applyResizeManually()
    }

    /// When ncurses did not see SIGWINCH itself: ask the kernel and resize.
    private func applyResizeManually() -> TerminalEvent? {
        var window = winsize()
        guard ioctl(options.outputFD, UInt(TIOCGWINSZ), &window) == 0 else { return nil }
        let rows = Int32(window.ws_row), columns = Int32(window.ws_col)
        guard rows != fb_lines() || columns != fb_cols() else { return nil }
        resize_term(rows, columns)
        previousFrame = nil
        return .resize(size)
    }
}
