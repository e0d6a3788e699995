import CNcursesw
import Glibc

// Everything a signal handler touches lives in plain globals written before
// the handlers are installed: a handler may only use async-signal-safe calls
// (write, tcsetattr, sigaction, raise), so it cannot call endwin.
nonisolated(unsafe) private var restoreBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var restoreCount = 0
nonisolated(unsafe) private var restoreFD: Int32 = -1
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveTermios = false
nonisolated(unsafe) private var restorePending: sig_atomic_t = 0
nonisolated(unsafe) private var released: sig_atomic_t = 0
nonisolated(unsafe) private var wakeFD: Int32 = -1
nonisolated(unsafe) private let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

/// Puts the terminal back the way it was when the process stops abnormally.
///
/// - SIGINT, SIGTERM, SIGHUP (Ctrl-C itself arrives as a key: the terminal is
///   in raw mode, so these come from `kill` or a closed terminal) and the crash
///   signals SIGSEGV, SIGBUS, SIGABRT, SIGILL (Swift traps), SIGFPE: restore
///   the terminal, reinstall the handler that was there before (the default,
///   or the Swift runtime's backtracer) and re-raise, so the process still
///   dies of the signal and a backtrace lands on a usable terminal.
/// - SIGWINCH: wake the UI loop, then run ncurses's own handler.
enum TerminalRestorer {
    static let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE]
    static let resizeByte: UInt8 = 0x57

    /// Saves the terminal state and installs the fatal-signal handlers. Call
    /// before `newterm`, so ncurses sees handlers present and adds none.
    static func install(outputFD: Int32, inputFD: Int32) {
        restoreFD = outputFD
        haveTermios = tcgetattr(inputFD, &savedTermios) == 0
        for signal in fatalSignals {
            fb_install_handler(signal, fatalHandler, previousActions + Int(signal))
        }
        restorePending = 1
        unblockOnThisThread()
    }

    /// A signal mask is inherited: a console started by a parent that blocks
    /// SIGTERM, SIGHUP or SIGWINCH (some supervisors and test runners do)
    /// would otherwise never see them — a `kill` would leave it running, a
    /// closed terminal would leave it spinning, a resize would go unnoticed.
    /// The UI thread, which calls `install`, takes them; other threads keep
    /// their masks, and a signal sent to the process goes to a thread that
    /// does not block it.
    private static func unblockOnThisThread() {
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in fatalSignals + [SIGWINCH] { sigaddset(&handled, signal) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// After `newterm`: records how to undo the screen modes ncurses set and
    /// chains SIGWINCH so the UI loop wakes on resize.
    static func armed(restoreSequence: [UInt8], wakeWriteFD: Int32) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, restoreSequence.count))
        buffer.initialize(from: restoreSequence, count: restoreSequence.count)
        let old = restoreBytes
        restoreBytes = buffer
        restoreCount = restoreSequence.count
        old?.deallocate()
        wakeFD = wakeWriteFD
        fb_install_handler(SIGWINCH, resizeHandler, previousActions + Int(SIGWINCH))
    }

    /// Normal shutdown (after `endwin`): puts the previous handlers back.
    static func uninstall() {
        restorePending = 0
        fb_restore_handler(SIGWINCH, previousActions + Int(SIGWINCH))
        for signal in fatalSignals {
            fb_restore_handler(signal, previousActions + Int(signal))
        }
        wakeFD = -1
    }

    /// Whether a fatal signal has put the terminal back: from then on the UI
    /// thread must not draw, though it may run until the process dies.
    static var hasReleasedTerminal: Bool { released != 0 }

    /// Writes the reset sequence and restores the saved terminal modes; only
    /// async-signal-safe calls. Runs at most once.
    static func restoreNow() {
        guard restorePending != 0 else { return }
        restorePending = 0
        released = 1
        if let restoreBytes, restoreCount > 0 {
            _ = write(restoreFD, restoreBytes, restoreCount)
        }
        if haveTermios {
            _ = tcsetattr(restoreFD, TCSAFLUSH, &savedTermios)
        }
    }
}

private let fatalHandler: @convention(c) (Int32) -> Void = { signal in
    TerminalRestorer.restoreNow()
    fb_restore_handler(signal, previousActions + Int(signal))
    // Run the previous handler now, nested (the default action ends the
    // process here; the Swift runtime's backtracer prints and returns).
    var only = sigset_t()
    sigemptyset(&only)
    sigaddset(&only, signal)
    pthread_sigmask(SIG_UNBLOCK, &only, nil)
    raise(signal)
    // The backtracer returns expecting the faulting instruction to fault
    // again; a crash signal sent with kill never does, and the process would
    // live on without its terminal. Die of the signal, as promised.
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}

private let resizeHandler: @convention(c) (Int32) -> Void = { signal in
    if wakeFD >= 0 {
        var byte = TerminalRestorer.resizeByte
        _ = write(wakeFD, &byte, 1)
    }
    fb_call_previous(signal, previousActions + Int(signal))
}
