import Foundation

/// How every `aws` call is made: which binary, which profile, region and
/// endpoint, and the limits that keep a stuck or chatty call from hurting.
///
/// Profile, region and endpoint are passed as flags (`--profile`, `--region`,
/// `--endpoint-url`) when set; otherwise the CLI reads the environment
/// (`AWS_PROFILE`, `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL`, `AWS_MAX_ATTEMPTS`,
/// …), which is passed through untouched.
public struct AWSCLIConfiguration: Sendable, Equatable {
    /// `--aws-cli`: a path, or a name looked up on `PATH`; nil means `aws`.
    public var executable: String?
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    /// Seconds a call may take before its whole process group is killed.
    public var timeout: TimeInterval
    /// Bytes of stdout (and, separately, stderr) kept; the rest is read and dropped.
    public var outputLimit: Int
    /// The environment the CLI runs with.
    public var environment: [String: String]
    /// Set for a drill's calls: its emulator, dummy credentials, nothing of the responder's (`DrillConfinement`).
    public var confinement: DrillConfinement?

    public init(executable: String? = nil, profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                timeout: TimeInterval = 60, outputLimit: Int = 1 << 20,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.environment = environment
    }

    /// The timeout from `$FIREBREAK_AWS_TIMEOUT` (seconds) when set and valid, else `fallback`.
    public static func timeout(from environment: [String: String], fallback: TimeInterval = 60) -> TimeInterval {
        guard let text = environment["FIREBREAK_AWS_TIMEOUT"], let value = Double(text), value > 0 else { return fallback }
        return value
    }
}
