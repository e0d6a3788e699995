import Foundation

/// A `moto_server` on a free 127.0.0.1 port for one test, killed when it ends.
final class Moto {
    let port: Int
    private let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init() throws {
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw Failure("moto_server did not start (run scripts/setup)")
            }
            usleep(50_000)
        }
    }

    deinit { stop() }

    /// SIGKILL: moto keeps nothing worth flushing and ignores SIGTERM.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Dummy credentials, one attempt, no user configuration.
    func environment(base: [String: String]) -> [String: String] {
        var environment = base
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_SESSION_TOKEN"] = nil
        environment["AWS_PROFILE"] = nil
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        return environment
    }

    /// The real `aws`, through `/usr/bin/env` so pyenv's shim resolves it.
    func aws(_ arguments: String..., base: [String: String]) throws -> String {
        let output = try Spawned.run("/usr/bin/env", ["aws"] + arguments, environment: environment(base: base))
        guard output.status == 0 else { throw Failure("aws \(arguments.joined(separator: " ")): \(output.stderr)") }
        return output.stdout
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure("no free port") }
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
