import Glibc

/// Wakes the UI loop from any thread: a self-pipe whose read end is polled
/// together with the terminal's input.
///
/// ```swift
/// let waker = screen.waker
/// Task.detached { let lines = await tail(); inbox.append(lines); waker.wake() }
/// ```
public final class Waker: Sendable {
    let readFD: Int32
    let writeFD: Int32

    /// The byte background work writes; the resize signal handler writes another.
    static let wakeByte: UInt8 = 0x77

    init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw .system("pipe", errno: errno)
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    /// Makes the loop's current or next wait return `.wake`. Safe from any
    /// thread and cheap: several wakes before the loop runs collapse into one.
    public func wake() {
        var byte = Waker.wakeByte
        _ = write(writeFD, &byte, 1)
    }

    /// Reads everything pending; returns the distinct bytes seen.
    func drain() -> Set<UInt8> {
        var seen = Set<UInt8>()
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readFD, &buffer, buffer.count)
            guard count > 0 else { break }
            seen.formUnion(buffer[0..<count])
        }
        return seen
    }

    deinit {
        close(readFD)
        close(writeFD)
    }
}
