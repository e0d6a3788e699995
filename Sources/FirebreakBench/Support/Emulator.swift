import AWSEmulator
import Foundation

/// moto_server on a free 127.0.0.1 port (`MotoEmulator`, the same launcher
/// `firebreak drill` and the tests use), and the environment an `aws` call
/// against it needs: dummy credentials, one attempt, no user config, and of
/// the benchmark's own environment only what finds and runs the CLI.
final class Emulator {
    let server: MotoEmulator
    let aws: String

    init() throws {
        guard let aws = ChildProcess.locate("aws") else { throw BenchError("the aws CLI is not installed (scripts/setup installs it)") }
        self.aws = aws
        server = try MotoEmulator(environment: ProcessInfo.processInfo.environment)
    }

    func stop() { server.stop() }

    var environment: [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return emulatorEnvironment(endpoint: server.endpoint,
                                   base: inherited.filter { ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG"].contains($0.key) })
    }

    /// One `aws` call's output (JSON unless `--output` says otherwise).
    func call(_ arguments: [String]) throws -> String {
        try ChildProcess.output(aws, arguments + ["--output", "text"], environment: environment)
    }
}
