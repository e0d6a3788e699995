import CProcessSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place Firebreak starts the AWS CLI.
///
/// Arguments go to `execve` as an argv array, never through a shell, so no
/// value can become a second command, and no operation argument the CLI
/// would expand (`file://`, `fileb://`, `http(s)://`, shorthand `@=file://`,
/// see `CLIValueExpansion`) is ever passed: such a call is refused before
/// anything starts. The child runs in its own process group with stdin on
/// `/dev/null`, inherits no descriptor but 0–2, and is killed by the kernel
/// if Firebreak dies (`fb_spawn`). Past the timeout, or when the run is
/// interrupted (`interruption`), the whole group is killed (a CLI that forks
/// helpers cannot outlive it). Output beyond the limit is drained and
/// dropped, and what is kept is redacted before it is returned.
///
/// ```swift
/// let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1"))
/// let result = try runner.run(["sts", "get-caller-identity"])
/// if let failure = result.failure { print(failure) }
/// ```
public struct AWSCLIRunner: Sendable {
    public var configuration: AWSCLIConfiguration
    /// When set and interrupted, the running call's process group is killed and no new call starts.
    public var interruption: RunInterruption?

    public init(configuration: AWSCLIConfiguration, interruption: RunInterruption? = nil) {
        self.configuration = configuration
        self.interruption = interruption
    }

    /// The argv after the binary name for `arguments`: JSON output unless the
    /// arguments choose another, then the configured profile, region and endpoint.
    /// `region` (a resource's own) wins over the configured one.
    public func fullArguments(_ arguments: [String], region: String? = nil) -> [String] {
        var argv = arguments
        if !argv.contains("--output") { argv += ["--output", "json"] }
        if let confinement = configuration.confinement {
            // A drill: its emulator, never a profile, whatever else was configured.
            argv += ["--region", region ?? configuration.region ?? confinement.region, "--endpoint-url", confinement.endpoint.url]
            return argv
        }
        if let profile = configuration.profile { argv += ["--profile", profile] }
        if let region = region ?? configuration.region { argv += ["--region", region] }
        if let endpoint = configuration.endpointURL { argv += ["--endpoint-url", endpoint] }
        return argv
    }

    /// The binary that would run, or the "AWS CLI not found" failure.
    public func executablePath() throws(AWSCLIFailure) -> String {
        try ExecutableLocator.locate(configuration.executable, environment: configuration.environment)
    }

    /// Why `arguments` (the operation's, before `fullArguments` adds the
    /// global options) may not be passed to the CLI, or nil when they may.
    public static func refusal(of arguments: [String]) -> AWSCLIFailure? {
        guard let found = CLIValueExpansion.firstExpanded(in: arguments) else { return nil }
        let position = "argument \(found.position)" + (found.flag.map { " (\($0.terminalSafe))" } ?? "")
        return .refused("\(position) \(found.expansion)")
    }

    /// Runs one call and waits for it (or for the timeout, or an
    /// interruption). Throws when the CLI was not started: not found, an
    /// argument it would expand, or the run already interrupted; AWS errors
    /// come back in the result.
    ///
    /// The child is started and waited for on the calling thread: its death
    /// signal is tied to this thread, which therefore outlives it.
    public func run(_ arguments: [String], region: String? = nil) throws(AWSCLIFailure) -> AWSCallResult {
        if let refusal = Self.refusal(of: arguments) { throw refusal }
        if let confinement = configuration.confinement, let refusal = confinement.refusal(of: arguments) ?? confinement.emulatorRefusal() {
            throw refusal
        }
        if interruption?.isInterrupted == true { throw .interrupted(started: false) }
        let binary = try executablePath()
        let argv = fullArguments(arguments, region: region)
        let environment = configuration.confinement?.environment(from: configuration.environment) ?? configuration.environment
        let started = Date()
        let spawned: SpawnedProcess
        do {
            spawned = try SpawnedProcess(binary: binary, arguments: argv, environment: environment)
        } catch {
            throw .notFound("cannot start '\(binary)': \(error)")
        }
        // Read past the limit and redact before cutting to it: a cut must not leave part of a secret.
        let readLimit = RedactedOutput.readLimit(configuration.outputLimit)
        let output = spawned.collect(limit: readLimit, deadline: started.addingTimeInterval(configuration.timeout),
                                     interruption: interruption)
        let duration = Date().timeIntervalSince(started)
        let stdout = RedactedOutput.keep(output.stdout, limit: configuration.outputLimit, cutShort: output.truncated && output.stdout.count >= readLimit)
        let stderr = RedactedOutput.keep(output.stderr, limit: configuration.outputLimit, cutShort: output.truncated && output.stderr.count >= readLimit)
        return AWSCallResult(arguments: argv, exitCode: output.exitCode, timedOut: output.timedOut, duration: duration,
                             stdout: stdout.text, stderr: stderr.text, truncated: stdout.truncated || stderr.truncated,
                             interrupted: output.interrupted)
    }
}

/// A child started by `fb_spawn` (own process group, descriptors 0–2 only,
/// killed if this thread ends), with piped stdout and stderr.
struct SpawnedProcess {
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    struct Output {
        var stdout = Data()
        var stderr = Data()
        var exitCode: Int32?
        var timedOut = false
        var interrupted = false
        var truncated = false
    }

    let pid: pid_t
    let stdoutFD: Int32
    let stderrFD: Int32

    init(binary: String, arguments: [String], environment: [String: String]) throws {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // Close-on-exec from the start, so a child started at the same moment
        // on another thread cannot hold these ends (the child's own copies are dup2'd).
        var status = fb_pipe_cloexec(&outPipe)
        guard status == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(status)))") }
        status = fb_pipe_cloexec(&errPipe)
        guard status == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw SpawnError(description: "pipe: \(String(cString: strerror(status)))")
        }
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        status = fb_spawn(binary, argv, envp, outPipe[1], errPipe[1], &child)
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
    /// `deadline` or an interruption, when the process group is killed.
    func collect(limit: Int, deadline: Date, interruption: RunInterruption? = nil) -> Output {
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
            if let interruption { fds.append(pollfd(fd: interruption.pollFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 200).rounded(.up)))
            if ready < 0 && errno != EINTR { break }
            if let interruption, fds.contains(where: { $0.fd == interruption.pollFD && $0.revents != 0 }) {
                output.interrupted = true
                break
            }
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
        while !output.timedOut && !output.interrupted {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                output.exitCode = Self.exitCode(status)
                return output
            }
            if result < 0 && errno != EINTR { return output }
            if deadline.timeIntervalSinceNow <= 0 { output.timedOut = true; break }
            if interruption?.isInterrupted == true { output.interrupted = true; break }
            usleep(2000)
        }
        if output.interrupted {
            // Stopped on purpose: no grace period in which the call could still make its change.
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return output
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
