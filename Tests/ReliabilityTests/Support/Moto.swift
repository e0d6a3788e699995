import FirebreakTestSupport
import Foundation

/// A `moto_server` on a free 127.0.0.1 port for one test, killed when it ends.
final class Moto {
    let port: Int
    private let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init() throws {
        port = try LocalPort.free()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !LocalPort.accepts(port) {
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
    func environment(base: [String: String]) -> [String: String] { emulatorEnvironment(endpoint: endpoint, base: base) }

    /// The real `aws`, through `/usr/bin/env` so pyenv's shim resolves it.
    func aws(_ arguments: String..., base: [String: String]) throws -> String {
        let output = try Spawned.run("/usr/bin/env", ["aws"] + arguments, environment: environment(base: base))
        guard output.status == 0 else { throw Failure("aws \(arguments.joined(separator: " ")): \(output.stderr)") }
        return output.stdout
    }
}
