import Foundation

/// A real terminal for the tests (the console end to end, the terminal's
/// survival): a tmux server on a socket of its own (never anyone's tmux), one
/// window running a shell command. The one tmux driver of every test target.
public final class TmuxSession {
    public let socket = "firebreak-test-\(UUID().uuidString.prefix(8))"
    /// The window's target (`-t`).
    public let target = "t"
    /// The same, by the name the session was given.
    public var name: String { target }

    /// Starts `command` (run by `sh -c`) in a `width`×`height` window. The
    /// command line ends with `; echo EXIT:$?; sleep 600` so the exit status
    /// and whatever runs next stay on the screen.
    public init(width: Int = 120, height: Int = 40, environment: [String: String], command: String) throws {
        var arguments = ["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append("\(command); echo EXIT:$?; sleep 600")
        try tmux(arguments, capture: false)
    }

    deinit { stop() }

    /// Ends the tmux server and everything running in it.
    ///
    /// The server inherits this test thread's signal mask, in which the test
    /// runner blocks SIGTERM, SIGHUP and SIGINT, and so do the shell and the
    /// console it starts. That is deliberate: the console must cope with such
    /// a parent (the signal tests prove it does). But tmux's `kill-server` is
    /// a SIGTERM to itself, which stays blocked: kill the server outright.
    public func stop() {
        let pid = (try? tmux(["display-message", "-p", "#{pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane's shell leads the process group of everything it runs (the
        // console, the trailing `sleep`), which would outlive the server.
        let panes = ((try? tmux(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? "").split(separator: "\n").compactMap { Int32($0) }
        for pane in panes where pane > 1 { kill(-pane, SIGKILL) }
        _ = try? tmux(["kill-server"], capture: false)
        if let pid = pid.flatMap({ Int32($0) }), pid > 1 { kill(pid, SIGKILL) }
    }

    /// Runs tmux with posix_spawn and waitpid (Foundation's Process can miss
    /// the exit of a tmux client whose server it forked).
    @discardableResult
    public func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        if capture {
            guard pipe(&fds) == 0 else { throw TmuxFailure("pipe failed") }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
            posix_spawn_file_actions_addclose(&actions, fds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, nil, cArguments, environ) == 0 else { throw TmuxFailure("tmux did not start") }
        var output = Data()
        if capture {
            close(fds[1])
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(fds[0], &buffer, buffer.count)
                if count <= 0 { break }
                output.append(contentsOf: buffer[0..<count])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    /// Keys by tmux's names (`Enter`, `Escape`, `C-c`) or single characters.
    public func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", target, key]) }
    }

    /// Text, literally.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }

    /// The screen as text; with `escapes`, with its SGR sequences.
    public func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the program the pane's shell runs (the shell's only child).
    public func programPID(named name: String = "firebreak") throws -> pid_t {
        let shell = try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let shellPID = Int32(shell) else { throw TmuxFailure("no pane pid: \(shell)") }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let children = (try? String(contentsOfFile: "/proc/\(shellPID)/task/\(shellPID)/children", encoding: .utf8)) ?? ""
            for child in children.split(separator: " ").compactMap({ Int32($0) }) {
                let comm = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                if comm == name { return child }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxFailure("\(name) is not running in the pane")
    }

    /// Waits until one screen contains every one of `texts` (a capture can land mid-frame); throws with the last screen.
    @discardableResult
    public func waitFor(_ texts: String..., timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if texts.allSatisfy(last.contains) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let missing = texts.filter { !last.contains($0) }.map { "'\($0)'" }.joined(separator: ", ")
        throw TmuxFailure("the screen never showed \(missing); last screen:\n\(last)")
    }
}

/// What went wrong driving tmux, as one line (and the last screen, for `waitFor`).
public struct TmuxFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
