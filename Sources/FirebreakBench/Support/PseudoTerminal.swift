import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running on a real pseudo-terminal of a fixed size, as a
/// responder's terminal emulator would run it: the bench reads every byte the
/// program writes to the screen, can type keys, and can read its memory.
///
/// Used for the console figures (first frame, bytes per log line, changes
/// from another process, resident memory): ncurses and the whole UI loop run
/// exactly as in production; only the reader on the other side is the bench.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// When the program was spawned (monotonic seconds).
    let startedAt: Double
    /// Every byte read from the screen so far.
    private(set) var output: [UInt8] = []
    private var exited = false

    init(_ executable: String, _ arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        // posix_openpt/unlockpt/ptsname are not imported into Swift on Linux; these
        // are what they do there: open the multiplexer, unlock, ask the number.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        let setLock: UInt = 0x4004_5431, getNumber: UInt = 0x8004_5430  // TIOCSPTLCK, TIOCGPTN
        guard master >= 0, ioctl(master, setLock, &unlock) == 0, ioctl(master, getNumber, &number) == 0 else {
            throw BenchError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A new session first (attributes run before file actions), so opening
        // the terminal makes it the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26), not imported into Swift.
        posix_spawnattr_setflags(&attributes, Int16(setsid))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let start = Stopwatch.now()
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw BenchError("cannot start \(executable) on a terminal: \(String(cString: strerror(status)))")
        }
        self.master = master
        self.pid = child
        self.startedAt = start
    }

    deinit { stop() }

    /// Reads until `marker` appears in what was written since byte `from`, or
    /// `timeout` passes. Returns the monotonic time the marker's last byte
    /// arrived, or nil.
    func waitFor(_ marker: String, from offset: Int = 0, timeout: Double) -> Double? {
        let needle = Array(marker.utf8)
        let deadline = Stopwatch.now() + timeout
        var searchedUpTo = offset
        while true {
            if let found = Self.find(needle, in: output, from: max(offset, searchedUpTo - needle.count)) {
                _ = found
                return lastReadAt
            }
            searchedUpTo = output.count
            let remaining = deadline - Stopwatch.now()
            guard remaining > 0, readOnce(timeout: remaining) else { return nil }
        }
    }

    /// Reads until nothing arrives for `quiet` seconds (or `timeout` passes).
    func drain(quiet: Double, timeout: Double = 30) {
        let deadline = Stopwatch.now() + timeout
        while Stopwatch.now() < deadline {
            if !readOnce(timeout: quiet) { return }
        }
    }

    /// Changes the terminal's size, as dragging the window would: the kernel
    /// sends SIGWINCH to the program.
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types `bytes` on the terminal's keyboard.
    func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// The program's peak resident set (`VmHWM`) in bytes, from /proc.
    func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return digits.first.map { $0 * 1024 }
        }
        return nil
    }

    /// Ends the program (SIGTERM, which the console handles by restoring the
    /// terminal; SIGKILL if it lingers) and waits for it.
    func stop() {
        guard !exited else { return }
        exited = true
        kill(pid, SIGTERM)
        let deadline = Stopwatch.now() + 3
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            _ = readOnce(timeout: 0.05)
            if Stopwatch.now() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
        }
        close(master)
    }

    private(set) var lastReadAt = 0.0

    /// One `poll` + `read`; false on timeout, end of file or error.
    @discardableResult
    private func readOnce(timeout: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, min(timeout, 60)) * 1000))
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        lastReadAt = Stopwatch.now()
        output.append(contentsOf: buffer[0..<count])
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = max(0, start)
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
