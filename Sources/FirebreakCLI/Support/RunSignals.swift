import AWSActions
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// What the handler touches is set before it is installed: a handler may only
// make async-signal-safe calls (write).
nonisolated(unsafe) private var interruptFD: Int32 = -1
nonisolated(unsafe) private var caughtSignal: sig_atomic_t = 0

private let interruptHandler: @convention(c) (Int32) -> Void = { signal in
    if caughtSignal == 0 { caughtSignal = signal }
    var byte: UInt8 = 1
    _ = write(interruptFD, &byte, 1)
}

/// SIGINT (Ctrl-C), SIGTERM and SIGHUP during `action run` and `action undo`
/// stop the run instead of the process: the running `aws` call's process
/// group is killed, the step and the run are recorded as interrupted, and
/// the command ends non-zero with one line. (SIGKILL cannot be caught: the
/// runner's death signal kills the call with Firebreak, and the next command
/// records the run as interrupted.)
///
/// A signal ignored when Firebreak started (`nohup`, a background job of a
/// non-interactive shell) stays ignored: the caller chose that the run goes on.
enum RunSignals {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `body` with the signals interrupting the run it is given, then
    /// puts back what was there before; the signal that came, if one did.
    static func interrupting<T>(_ body: (RunInterruption) throws -> T) throws -> (T, signal: Int32?) {
        let interruption: RunInterruption
        do { interruption = try RunInterruption() } catch { throw CLIError("cannot prepare the run: \(error)") }
        interruptFD = interruption.signalSafeFD
        caughtSignal = 0
        var previous: [Int32: sigaction] = [:]
        for signal in handled {
            var old = sigaction()
            sigaction(signal, nil, &old)
            if old.__sigaction_handler.sa_handler.map({ unsafeBitCast($0, to: Int.self) }) == 1 { continue }  // SIG_IGN
            var action = sigaction()
            action.__sigaction_handler.sa_handler = interruptHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
            previous[signal] = old
        }
        // A parent (a supervisor, a test runner) may have blocked them.
        var set = sigset_t()
        sigemptyset(&set)
        for signal in previous.keys { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        defer {
            for (signal, old) in previous {
                var old = old
                sigaction(signal, &old, nil)
            }
            withExtendedLifetime(interruption) {}
        }
        let result = try body(interruption)
        return (result, caughtSignal == 0 ? nil : caughtSignal)
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`.
    static func name(_ signal: Int32) -> String {
        [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
    }
}
