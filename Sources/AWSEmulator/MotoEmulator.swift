import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `moto_server` on a free 127.0.0.1 port, for the life of this process and not a moment longer.
/// Public for the benchmark suite, which measures AWS figures against the same emulator.
///
/// moto is started under a small `sh` guard that reads its stdin, a pipe only
/// this process writes to. When this process ends in any way (normal exit,
/// Ctrl-C, SIGTERM, even SIGKILL) the kernel closes the pipe, `read` returns,
/// and the guard SIGKILLs moto (whose server ignores SIGTERM). `stop()` does
/// the same on purpose and waits for it.
public final class DrillEmulator {
    /// The 127.0.0.1 port moto listens on.
    public let port: Int
    /// `--endpoint-url` for the AWS CLI.
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let lifeline: Pipe

    /// The install command printed when moto is missing.
    static let installHint = "python3 -m pip install 'moto[server]' (or run scripts/setup)"

    /// Starts moto and waits (up to 20 s) until it accepts connections.
    public init(environment: [String: String]) throws {
        guard let moto = Self.locate("moto_server", environment: environment) else {
            throw CLIError("moto_server (the local AWS emulator drills run against) is not installed: \(Self.installHint)")
        }
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // $1 is moto_server, $2 the port: never spliced into the script text.
        process.arguments = ["-c", "\"$1\" -H 127.0.0.1 -p \"$2\" >/dev/null 2>&1 & m=$!; trap 'kill -9 $m 2>/dev/null; exit 0' INT TERM HUP; read _ ; kill -9 $m 2>/dev/null; wait $m 2>/dev/null; exit 0",
                             "firebreak-drill-emulator", moto, String(port)]
        var childEnvironment = environment
        childEnvironment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "false"
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
        try process.run()
        // The write end stays open here only; children spawned later must not inherit it.
        _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        let deadline = Date().addingTimeInterval(20)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw CLIError("moto_server did not start on 127.0.0.1:\(port) within 20 s; is its server extra installed? \(Self.installHint)")
            }
            usleep(50_000)
        }
    }

    /// Stops moto and waits for it.
    public func stop() {
        try? lifeline.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { stop() }

    static func locate(_ name: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CLIError("no free port on 127.0.0.1 for the emulator") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
