import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `moto_server` on a free 127.0.0.1 port, for the life of this process and
/// not a moment longer: the one launcher of the drill, the benchmark and the
/// tests, each keeping its own policy (when to start one, for how long, what
/// to say when it cannot) around it.
///
/// moto is started under a small `sh` guard that reads its stdin, a pipe only
/// this process writes to. When this process ends in any way (normal exit,
/// Ctrl-C, SIGTERM, even SIGKILL) the kernel closes the pipe, `read` returns,
/// and the guard SIGKILLs moto (whose server ignores SIGTERM). `stop()` does
/// the same on purpose and waits for it.
public final class MotoEmulator: @unchecked Sendable {
    /// The 127.0.0.1 port moto listens on.
    public let port: Int
    /// `--endpoint-url` for the AWS CLI.
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let lifeline: Pipe
    private let lock = NSLock()
    private var stopped = false

    /// Starts moto with `environment` (where `PATH` finds `moto_server`) and
    /// waits up to `startDeadline` seconds until it accepts connections.
    /// `loadsManagedPolicies`: whether moto's IAM knows AWS's managed policies
    /// (off, the default, starts it seconds faster).
    public init(environment: [String: String], loadsManagedPolicies: Bool = false, startDeadline: Int = 20) throws(EmulatorError) {
        guard let moto = Self.locate("moto_server", environment: environment) else { throw .notInstalled }
        port = try LocalPort.free()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // $1 is moto_server, $2 the port: never spliced into the script text.
        process.arguments = ["-c", "\"$1\" -H 127.0.0.1 -p \"$2\" >/dev/null 2>&1 & m=$!; trap 'kill -9 $m 2>/dev/null; exit 0' INT TERM HUP; read _ ; kill -9 $m 2>/dev/null; wait $m 2>/dev/null; exit 0",
                             "firebreak-emulator", moto, String(port)]
        var childEnvironment = environment
        if !loadsManagedPolicies { childEnvironment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "false" }
        process.environment = childEnvironment
        lifeline = Pipe()
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // The guard inherits this thread's signal mask. Whoever started us may have blocked
        // SIGCHLD (the guard's `wait` would then never return) or the signals that end it.
        var needed = sigset_t()
        sigemptyset(&needed)
        for signal in [SIGCHLD, SIGTERM, SIGINT, SIGHUP] { sigaddset(&needed, signal) }
        pthread_sigmask(SIG_UNBLOCK, &needed, nil)
        do {
            try process.run()
        } catch {
            stopped = true   // nothing runs: nothing for `stop()` to wait for
            throw .notInstalled
        }
        // The write end stays open here only; children spawned later must not inherit it.
        _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        let deadline = Date().addingTimeInterval(TimeInterval(startDeadline))
        // moto says nothing when it is ready (its output would have to be parsed): its port is asked every 50 ms.
        while !LocalPort.accepts(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw .didNotStart(port: port, seconds: startDeadline)
            }
            usleep(50_000)
        }
    }

    /// Stops moto and waits for it; later calls do nothing.
    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? lifeline.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// `name` on `environment`'s `PATH`.
    public static func locate(_ name: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
