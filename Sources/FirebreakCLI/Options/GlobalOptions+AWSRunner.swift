import AWSActions
import Foundation
import IncidentModel
import IncidentOperations

extension GlobalOptions {
    /// The one runner factory (`AWSRunnerFactory`) from these options: `--aws-cli`,
    /// `--profile`, `--endpoint-url`, `region` (a command's `--region`), the config
    /// file's account profiles (none with `--profile`) and `$FIREBREAK_AWS_TIMEOUT`.
    func runnerFactory(region: String?) throws -> AWSRunnerFactory {
        try AWSRunnerFactory(executable: awsCLI, profile: profile, region: region, endpointURL: endpointURL,
                             profiles: AccountProfiles.load(globals: self))
    }

    /// The runner for calls made for `incident` (`AWSRunnerFactory.runner(for:)`: a drill's
    /// go to its recorded emulator alone), or one line saying why nothing can be sent.
    func awsRunner(for incident: Incident?, region: String?, timeout: TimeInterval? = nil) throws -> AWSCLIRunner {
        try runnerFactory(region: region).runner(for: incident, timeout: timeout)
    }
}
