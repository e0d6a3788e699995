import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place Firebreak starts the AWS CLI.
///
/// Arguments go to `posix_spawn` as an argv array, never through a shell, so
/// no value can become a second command. The child runs in its own process
/// group with stdin on `/dev/null`; past the timeout the whole group is
/// killed (a CLI that forks helpers cannot outlive it). Output beyond the
/// limit is drained and dropped, and what is kept is redacted before it is
/// returned.
///
/// ```swift
/// let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1"))
/// let result = try runner.run(["sts", "get-caller-identity"])
/// if let failure = result.failure { print(failure) }
/// ```
public struct AWSCLIRunner: Sendable {
    public var configuration: AWSCLIConfiguration

    public init(configuration: AWSCLIConfiguration) {
        self.configuration = configuration
    }

    /// The argv after the binary name for `arguments`: JSON output unless the
    /// arguments choose another, then the configured profile, region and endpoint.
    /// `region` (a resource's own) wins over the configured one.
    public func fullArguments(_ arguments: [String], region: String? = nil) -> [String] {
        var argv = arguments
        if !argv.contains("--output") { argv += ["--output", "json"] }
        if let profile = configuration.profile { argv += ["--profile", profile] }
        if let region = region ?? configuration.region { argv += ["--region", region] }
        if let endpoint = configuration.endpointURL { argv += ["--endpoint-url", endpoint] }
        return argv
    }

    /// The binary that would run, or the "AWS CLI not found" failure.
    public func executablePath() throws(AWSCLIFailure) -> String {
        try ExecutableLocator.locate(configuration.executable, environment: configuration.environment)
    }

    /// Runs one call and waits for it (or for the timeout). Throws only when
    /// the CLI cannot be started; AWS errors come back in the result.
    public func run(_ arguments: [String], region: String? = nil) throws(AWSCLIFailure) -> AWSCallResult {
        let binary = try executablePath()
        let argv = fullArguments(arguments, region: region)
        let started = Date()
        let spawned: SpawnedProcess
        do {
            spawned = try SpawnedProcess(binary: binary, arguments: argv, environment: configuration.environment)
        } catch {
            throw .notFound("cannot start '\(binary)': \(error)")
        }
        // Read past the limit and redact before cutting to it: a cut must not leave part of a secret.
        let readLimit = RedactedOutput.readLimit(configuration.outputLimit)
        let output = spawned.collect(limit: readLimit, deadline: started.addingTimeInterval(configuration.timeout))
        let duration = Date().timeIntervalSince(started)
        let stdout = RedactedOutput.keep(output.stdout, limit: configuration.outputLimit, cutShort: output.truncated && output.stdout.count >= readLimit)
        let stderr = RedactedOutput.keep(output.stderr, limit: configuration.outputLimit, cutShort: output.truncated && output.stderr.count >= readLimit)
        return AWSCallResult(arguments: argv, exitCode: output.exitCode, timedOut: output.timedOut, duration: duration,
                             stdout: stdout.text, stderr: stderr.text, truncated: stdout.truncated || stderr.truncated)
    }
}

/// A child started with `posix_spawn` in its own process group, with piped stdout and stderr.
struct SpawnedProcess {
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    struct Output {
        var stdout = Data()
        var stderr = Data()
        var exitCode: Int32?
        var timedOut = false
        var truncated = false
    }

    let pid: pid_t
    let stdoutFD: Int32
    let stderrFD: Int32

    init(binary: String, arguments: [String], environment: [String: String]) throws {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // Close-on-exec, so a CLI spawned concurrently from another thread does not
        // inherit these ends and keep the streams open (pipe2 is not imported).
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so the timeout can kill everything it started;
        // default signal handling and an empty mask, whatever this process set.
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, binary, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw SpawnError(description: String(cString: strerror(status)))
        }
        pid = child
        stdoutFD = outPipe[0]
        stderrFD = errPipe[0]
    }

    /// Reads both streams until they close and the child exits, or until
    /// `deadline`, when the process group is killed.
    func collect(limit: Int, deadline: Date) -> Output {
        var output = Output()
        var open: [Int32: Bool] = [stdoutFD: true, stderrFD: true]
        var buffer = [UInt8](repeating: 0, count: 65536)
        defer { close(stdoutFD); close(stderrFD) }

        while open.values.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                output.timedOut = true
                break
            }
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 200).rounded(.up)))
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count <= 0 {
                    if count == 0 || (errno != EINTR && errno != EAGAIN) { open[entry.fd] = false }
                    continue
                }
                let kept = entry.fd == stdoutFD ? output.stdout.count : output.stderr.count
                let room = max(0, limit - kept)
                if count > room { output.truncated = true }
                let slice = buffer[0..<min(count, room)]
                if entry.fd == stdoutFD { output.stdout.append(contentsOf: slice) } else { output.stderr.append(contentsOf: slice) }
            }
        }
        // The streams closed; the child may still be running (or a helper kept them open).
        var status: Int32 = 0
        while !output.timedOut {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                output.exitCode = Self.exitCode(status)
                return output
            }
            if result < 0 && errno != EINTR { return output }
            if deadline.timeIntervalSinceNow <= 0 { output.timedOut = true; break }
            usleep(2000)
        }
        kill(-pid, SIGTERM)
        usleep(100_000)
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return output
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        // WIFEXITED / WEXITSTATUS, spelled out: the C macros are not imported.
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }
}
