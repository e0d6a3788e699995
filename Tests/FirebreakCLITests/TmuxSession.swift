import Foundation

/// A real terminal for end-to-end tests: a tmux server of our own (its own
/// socket, so tests never touch anyone's tmux), one window running a command.
final class TmuxSession {
    let socket = "firebreak-test-\(UUID().uuidString.prefix(8))"
    let name = "t"

    /// Starts `command` (run by `sh -c`) in a window of `width`×`height`.
    /// The command line ends with `; echo EXIT:$?; sleep 600` so the exit
    /// status stays readable on the screen.
    init(width: Int, height: Int, environment: [String: String], command: String) throws {
        var arguments = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append("\(command); echo EXIT:$?; sleep 600")
        // The server outlives this call and would hold a captured pipe open forever.
        try tmux(arguments, captureOutput: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], captureOutput: false)
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's `Process` can miss
    /// the exit of a tmux client whose server it forked, and wait forever.
    @discardableResult
    func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&fds) == 0 else { throw CocoaError(.fileWriteUnknown) }
            // Children spawned by other tests at the same moment must not inherit the pipe.
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
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
        var output = Data()
        if captureOutput {
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

    /// Types keys by tmux's names (`Enter`, `Tab`, `BTab`, `Escape`, `C-c`, or a literal character).
    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", name, key]) }
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// The screen as text (with `-e`, with its colour escapes).
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until one screen contains every one of `texts`, returning that screen; throws with the last screen if
    /// it never does. Asking for everything a check needs at once matters: a capture can land mid-frame, with the
    /// header drawn and the panes not yet.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if texts.allSatisfy(last.contains) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let missing = texts.filter { !last.contains($0) }.map { "'\($0)'" }.joined(separator: ", ")
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "screen never showed \(missing); last screen:\n\(last)"])
    }
}
