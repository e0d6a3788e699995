import AWSActions
import Foundation

/// Which AWS CLI profile reaches which of an incident's accounts
/// (`profile.ACCOUNT = NAME` in the config file), so discovery, imports and
/// the readiness audit run in every account of the incident.
///
/// An explicit `--profile` wins: everything then runs with it alone.
public struct AccountProfiles: Sendable, Equatable {
    /// Account id → the profile that reaches it.
    public var profiles: [String: String]

    public init(profiles: [String: String]) {
        self.profiles = profiles
    }

    /// One runner per account of `accounts` that has a profile, and the
    /// default credentials once for the rest (or for everything when no
    /// account has one). `account` is nil where the default credentials are used.
    public func runners(base: AWSCLIRunner, accounts: [String]) -> [(account: String?, runner: AWSCLIRunner)] {
        var runners: [(String?, AWSCLIRunner)] = []
        for account in accounts {
            if let profile = profiles[account] { runners.append((account, base.with(profile: profile))) }
        }
        if runners.isEmpty || accounts.contains(where: { profiles[$0] == nil }) { runners.append((nil, base)) }
        return runners
    }

    /// The runner for calls about one resource: its account's profile, else the default.
    public func runner(base: AWSCLIRunner, account: String?) -> AWSCLIRunner {
        account.flatMap { profiles[$0] }.map { base.with(profile: $0) } ?? base
    }
}

extension AWSCLIRunner {
    /// The same runner with another profile.
    public func with(profile: String) -> AWSCLIRunner {
        var configuration = self.configuration
        configuration.profile = profile
        return AWSCLIRunner(configuration: configuration, interruption: interruption)
    }
}
