import CProcessSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request to stop a run: once made, the `aws` call running under it has its
/// process group killed, and no further call starts.
///
/// It is a pipe that is written and never read, so "interrupted" is simply
/// "the pipe holds a byte": a signal handler may make the request (`write` is
/// async-signal-safe), and a call waiting in `poll` on its output wakes at
/// once instead of at its next timeout.
///
/// ```swift
/// let interruption = try RunInterruption()
/// var runner = AWSCLIRunner(configuration: configuration)
/// runner.interruption = interruption
/// // on another thread, or from a signal handler through `signalSafeFD`:
/// interruption.interrupt()
/// ```
public final class RunInterruption: Sendable {
    /// The end `interrupt` writes to; a signal handler writes one byte here.
    public let signalSafeFD: Int32
    /// The end a waiting call polls.
    let pollFD: Int32

    public init() throws {
        var fds: [Int32] = [0, 0]
        let status = fb_pipe_cloexec(&fds)
        guard status == 0 else { throw RunInterruptionError(description: "pipe: \(String(cString: strerror(status)))") }
        // A full pipe must never block a signal handler.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        pollFD = fds[0]
        signalSafeFD = fds[1]
    }

    deinit {
        close(pollFD)
        close(signalSafeFD)
    }

    /// Asks the run to stop.
    public func interrupt() {
        var byte: UInt8 = 1
        _ = write(signalSafeFD, &byte, 1)
    }

    /// Whether the run was asked to stop.
    public var isInterrupted: Bool {
        var entry = pollfd(fd: pollFD, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0 && entry.revents & Int16(POLLIN) != 0
    }
}

struct RunInterruptionError: Error, CustomStringConvertible {
    var description: String
}
