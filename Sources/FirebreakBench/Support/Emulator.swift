import FirebreakCLI
import Foundation

/// The drill's moto_server on a free 127.0.0.1 port (started and guarded by
/// `DrillEmulator`, the same code `firebreak drill` uses), and the environment
/// an `aws` call against it needs: dummy credentials, one attempt, no user config.
final class Emulator {
    let server: DrillEmulator
    let aws: String

    init() throws {
        guard let aws = ChildProcess.locate("aws") else { throw BenchError("the aws CLI is not installed (scripts/setup installs it)") }
        self.aws = aws
        server = try DrillEmulator(environment: ProcessInfo.processInfo.environment)
    }

    func stop() { server.stop() }

    var environment: [String: String] {
        var environment: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG"] { environment[key] = inherited[key] }
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_ENDPOINT_URL"] = server.endpoint
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        return environment
    }

    /// One `aws` call's output (JSON unless `--output` says otherwise).
    func call(_ arguments: [String]) throws -> String {
        try ChildProcess.output(aws, arguments + ["--output", "text"], environment: environment)
    }
}
