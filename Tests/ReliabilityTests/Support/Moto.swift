import AWSEmulator
import FirebreakTestSupport
import Foundation

/// A `moto_server` on a free 127.0.0.1 port for one test, killed when it ends.
final class Moto {
    private let emulator: MotoEmulator
    var port: Int { emulator.port }
    var endpoint: String { emulator.endpoint }

    init() throws {
        // AWS's managed policies loaded, as moto has them by default.
        emulator = try MotoEmulator(environment: ProcessInfo.processInfo.environment, loadsManagedPolicies: true)
    }

    func stop() { emulator.stop() }

    /// Dummy credentials, one attempt, no user configuration.
    func environment(base: [String: String]) -> [String: String] { emulatorEnvironment(endpoint: endpoint, base: base) }

    /// The real `aws`, through `/usr/bin/env` so pyenv's shim resolves it.
    func aws(_ arguments: String..., base: [String: String]) throws -> String {
        let output = try Spawned.run("/usr/bin/env", ["aws"] + arguments, environment: environment(base: base))
        guard output.status == 0 else { throw Failure("aws \(arguments.joined(separator: " ")): \(output.stderr)") }
        return output.stdout
    }
}
