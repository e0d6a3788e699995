import Foundation

/// The AWS CLI for a test's own seeding and read-back of the emulator: the
/// real `aws` found on the environment's `PATH`, its output and exit status.
/// Every test-side call goes through here, so how the tests reach the CLI is
/// decided in one place. Where `aws` is a Python script, the call is a child
/// forked from a warm interpreter of the same installation (`AWSForkServer`):
/// the same CLI with the same environment, without paying its start-up per
/// call; elsewhere (a shim, a stand-in) or with `FIREBREAK_TEST_AWS_SPAWN=1`,
/// one `aws` process a call. Firebreak's own calls never come here: they go
/// through `AWSCLIRunner`, exactly as in production.
public enum TestAWSCLI {
    /// What one call printed and how it ended.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `aws ARGUMENTS` with `environment` (the whole environment the call
    /// would have as a process; `PATH` there finds `aws`).
    public static func run(_ arguments: [String], environment: [String: String]) throws -> Result {
        guard let aws = locate("aws", environment: environment) else {
            throw Failure("aws is not installed (run scripts/setup)")
        }
        if ProcessInfo.processInfo.environment["FIREBREAK_TEST_AWS_SPAWN"] == nil,
           let interpreter = pythonInterpreter(of: aws),
           let result = try AWSForkServer.shared(interpreter: interpreter).run(arguments, environment: environment) {
            return result
        }
        return try spawn(aws, arguments, environment: environment)
    }

    /// A message for a test's failure.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    static func locate(_ name: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The interpreter named by the script's `#!` line when it is Python (`#!/path/python`
    /// or `#!/usr/bin/env python3`), as an argv prefix; nil for anything else.
    static func pythonInterpreter(of script: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: script) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 256), as: UTF8.self)
        guard head.hasPrefix("#!"), let line = head.dropFirst(2).split(separator: "\n").first else { return nil }
        let words = line.split(separator: " ").map(String.init)
        guard let last = words.last, (last as NSString).lastPathComponent.hasPrefix("python") else { return nil }
        return words
    }

    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let run = try CapturedRun.run(executable, arguments, environment: environment)
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}
