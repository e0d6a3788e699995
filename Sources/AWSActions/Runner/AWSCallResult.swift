import Foundation

/// One finished (or killed) `aws` call. `stdout` and `stderr` are already
/// redacted: the raw bytes never leave the runner.
public struct AWSCallResult: Sendable, Equatable {
    /// The argv after the binary, as run (flags for profile, region and endpoint included).
    public var arguments: [String]
    /// nil when the process was killed by the timeout.
    public var exitCode: Int32?
    public var timedOut: Bool
    public var duration: TimeInterval
    public var stdout: String
    public var stderr: String
    /// True when either stream went past the output limit and was cut.
    public var truncated: Bool
    /// True when the run was interrupted during the call and its process group killed.
    public var interrupted: Bool

    public init(arguments: [String], exitCode: Int32?, timedOut: Bool, duration: TimeInterval,
                stdout: String, stderr: String, truncated: Bool = false, interrupted: Bool = false) {
        self.arguments = arguments
        self.exitCode = exitCode
        self.timedOut = timedOut
        self.duration = duration
        self.stdout = stdout
        self.stderr = stderr
        self.truncated = truncated
        self.interrupted = interrupted
    }

    public var succeeded: Bool { exitCode == 0 && !timedOut && !interrupted }

    /// What went wrong, or nil for a success.
    public var failure: AWSCLIFailure? {
        if interrupted { return .interrupted(started: true) }
        if timedOut { return .timedOut(seconds: duration) }
        if exitCode == 0 { return nil }
        return AWSCLIFailure(exitCode: exitCode ?? -1, stderr: stderr)
    }

    public var durationMs: Int { Int((duration * 1000).rounded()) }
}
