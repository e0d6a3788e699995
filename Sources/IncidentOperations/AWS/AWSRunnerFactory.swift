import AWSActions
import Foundation
import IncidentModel

/// The one place that decides how and where an incident's AWS calls go, for
/// every command, the console, its log pollers and the drill: the responder's
/// settings (`--aws-cli`, `--profile`, `--region`, `--endpoint-url`,
/// `$FIREBREAK_AWS_TIMEOUT`), the profile of each account the incident spans,
/// and for a drill its recorded emulator alone with dummy credentials
/// (`AWSCLIRunner.confined(for:)`).
public struct AWSRunnerFactory: Sendable {
    /// The responder's settings, before any incident confines them.
    public var base: AWSCLIConfiguration
    /// The profile that reaches each account (`profile.ACCOUNT` in the config file).
    public var profiles: AccountProfiles
    /// Stops every call of every runner made here once asked (the console quitting with work running).
    public var interruption: RunInterruption?

    public init(base: AWSCLIConfiguration, profiles: AccountProfiles = AccountProfiles(profiles: [:])) {
        self.base = base
        self.profiles = profiles
    }

    /// From the responder's settings: the region checked, the timeout from `$FIREBREAK_AWS_TIMEOUT` (else 60 s).
    public init(executable: String?, profile: String?, region: String?, endpointURL: String?, profiles: AccountProfiles,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.init(base: AWSCLIConfiguration(executable: executable, profile: profile, region: try region.map(AWSRegion.validate),
                                            endpointURL: endpointURL, timeout: AWSCLIConfiguration.timeout(from: environment),
                                            environment: environment),
                  profiles: profiles)
    }

    /// The region the responder gave (`--region`), which every use case puts first (`RegionRule`).
    public var givenRegion: String? { base.region }

    /// The runner for calls made for `incident` (nil only for calls about no
    /// incident: `readiness` on its own), `timeout` seconds a call; or why nothing can be sent.
    public func runner(for incident: Incident?, timeout: TimeInterval? = nil) throws(OperationError) -> AWSCLIRunner {
        var configuration = base
        if let timeout { configuration.timeout = timeout }
        var runner = AWSCLIRunner(configuration: configuration)
        runner.interruption = interruption
        guard let incident else { return runner }
        do {
            return try runner.confined(for: incident)
        } catch {
            if case .refused(let reason) = error { throw .awsUnavailable(reason) }
            throw .awsUnavailable(error.description)
        }
    }

    /// The runner for calls about one resource of `incident`: its account's profile, else the default.
    public func runner(for incident: Incident, account: String?) throws(OperationError) -> AWSCLIRunner {
        profiles.runner(base: try runner(for: incident), account: account)
    }

    /// One runner per account of the incident that has a profile, and the default credentials once for the rest.
    public func runners(for incident: Incident?) throws(OperationError) -> [(account: String?, runner: AWSCLIRunner)] {
        profiles.runners(base: try runner(for: incident), accounts: incident?.accounts ?? [])
    }

    /// The runner that seeds a new drill's emulator at `endpoint`, before its
    /// incident exists: confined as every later call of the drill is (the
    /// emulator, dummy credentials, nothing of the responder's), `timeout` seconds a call.
    public func drillSeedingRunner(endpoint: String, region: String, timeout: TimeInterval = 30) throws -> AWSCLIRunner {
        var configuration = base
        configuration.endpointURL = endpoint
        configuration.timeout = timeout
        configuration.confinement = DrillConfinement(incident: "the drill", endpoint: try DrillEndpoint(validating: endpoint), region: region)
        return AWSCLIRunner(configuration: configuration)
    }

    /// "AWS CLI not found" (or, for a drill, "its emulator is not running") as one line, before anything is recorded.
    public static func requireReachable(_ runner: AWSCLIRunner) throws(OperationError) {
        do { _ = try runner.executablePath() } catch { throw .awsUnavailable(error.description) }
        if case .refused(let reason)? = runner.configuration.confinement?.emulatorRefusal() { throw .awsUnavailable(reason) }
    }
}
