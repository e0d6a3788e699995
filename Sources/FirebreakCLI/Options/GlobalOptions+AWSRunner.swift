import AWSActions
import Foundation
import IncidentModel

extension GlobalOptions {
    /// The AWS CLI runner for a command that reads AWS (import, discovery, readiness):
    /// `--aws-cli`, `--profile`, `--endpoint-url`, the region given, and `$FIREBREAK_AWS_TIMEOUT`.
    func awsRunner(region: String?, outputLimit: Int = 1 << 20) throws -> AWSCLIRunner {
        let environment = ProcessInfo.processInfo.environment
        return AWSCLIRunner(configuration: AWSCLIConfiguration(
            executable: awsCLI, profile: profile, region: try region.map(AWSRegion.validate), endpointURL: endpointURL,
            timeout: AWSCLIConfiguration.timeout(from: environment), outputLimit: outputLimit, environment: environment))
    }
}
