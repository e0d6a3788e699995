import AWSActions
import Foundation
import IncidentModel

extension GlobalOptions {
    /// The AWS CLI runner for calls made for `incident` — the one place every command, the
    /// console, its log pollers and the drill decide where an incident's calls go: `--aws-cli`,
    /// `--profile`, `--endpoint-url`, the region given and `$FIREBREAK_AWS_TIMEOUT`; and for a
    /// drill, its recorded emulator alone, with dummy credentials (`AWSCLIRunner.confined(for:)`),
    /// or one line saying why nothing can be sent. `incident` is nil only for calls about no
    /// incident (`readiness` on its own).
    func awsRunner(for incident: Incident?, region: String?, timeout: TimeInterval? = nil, outputLimit: Int = 1 << 20) throws -> AWSCLIRunner {
        let environment = ProcessInfo.processInfo.environment
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(
            executable: awsCLI, profile: profile, region: try region.map(AWSRegion.validate), endpointURL: endpointURL,
            timeout: timeout ?? AWSCLIConfiguration.timeout(from: environment), outputLimit: outputLimit, environment: environment))
        guard let incident else { return runner }
        do {
            return try runner.confined(for: incident)
        } catch {
            if case .refused(let reason) = error { throw CLIError(reason) }
            throw CLIError(error.description)
        }
    }
}
