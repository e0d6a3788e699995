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

    /// The AWS CLI for seeding and reading back (`TestAWSCLI`: awscli's driver, without a process a call).
    func aws(_ arguments: String..., base: [String: String]) throws -> String {
        let output = try TestAWSCLI.run(arguments, environment: environment(base: base))
        guard output.status == 0 else { throw Failure("aws \(arguments.joined(separator: " ")): \(output.stderr)") }
        return output.stdout
    }
}
