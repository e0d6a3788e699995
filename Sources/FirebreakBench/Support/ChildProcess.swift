import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with `posix_spawn` (argv, never a shell) and times it from
/// just before the spawn to the moment `waitpid` returns: the same way for
/// Firebreak and for every baseline, so the two are comparable.
enum ChildProcess {
    struct Finished {
        var status: Int32
        var seconds: Double
    }

    /// `stdin`/`stdout` are file paths (nil: /dev/null); stderr goes to /dev/null
    /// unless `stderr` names a file.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdin: String? = nil, stdout: String? = nil, stderr: String? = nil) throws -> Finished {
        let start = Stopwatch.now()
        let pid = try spawn(executable, arguments, environment: environment, stdin: stdin, stdout: stdout, stderr: stderr)
        let status = waitFor(pid)
        return Finished(status: status, seconds: Stopwatch.now() - start)
    }

    /// Starts the program and returns at once; the caller must `waitFor` it.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                      stdin: String? = nil, stdout: String? = nil, stderr: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Resident memory now (`VmRSS`) of a running process, in bytes.
    static func residentBytes(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
        }
        return nil
    }

    /// Runs and returns stdout as text; a non-zero exit is an error naming the command and its stderr.
    static func output(_ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory
        let out = folder.appendingPathComponent("firebreak-bench-out-\(UUID().uuidString)").path
        let err = folder.appendingPathComponent("firebreak-bench-err-\(UUID().uuidString)").path
        defer { unlink(out); unlink(err) }
        let finished = try run(executable, arguments, environment: environment, stdin: stdin, stdout: out, stderr: err)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        guard finished.status == 0 else {
            let problem = ((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").split(separator: "\n").last.map(String.init) ?? ""
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw BenchError("\(name) \(arguments.prefix(3).joined(separator: " ")) failed (exit \(finished.status)): \(problem)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The exit status (128 + signal when killed).
    static func waitFor(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// The first executable called `name` on `PATH`.
    static func locate(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// One line saying what went wrong; the bench prints it and carries on or exits non-zero.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
