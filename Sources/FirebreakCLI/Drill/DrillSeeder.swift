import AWSActions
import Foundation
import IncidentModel

/// Builds a scenario's compromised environment in the emulator through the
/// one AWS CLI runner, returning the values its steps captured.
struct DrillSeeder {
    var runner: AWSCLIRunner
    var defaultRegion: String

    /// Runs every step in order; the first failure stops the drill with its step's name.
    func seed(_ scenario: DrillScenario, progress: (String) -> Void) throws -> [String: String] {
        var values: [String: String] = [:]
        for step in scenario.seed {
            let argv = step.argv.map { DrillScenario.fill($0, values) }
            let result: AWSCallResult
            do {
                result = try runner.run(argv, region: step.region ?? defaultRegion)
            } catch {
                throw CLIError(error.description)
            }
            if let failure = result.failure {
                throw CLIError("drill \(scenario.id): seeding step '\(step.name)' failed: \(failure.description)")
            }
            if let capture = step.capture {
                values[capture] = try Self.captured(result.stdout, step: step.name)
            }
            progress(step.name)
        }
        return values
    }

    /// The single value a `--query` printed as JSON (`"i-0abc"`), as text.
    static func captured(_ stdout: String, step: String) throws -> String {
        let value = try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        if let text = value as? String, !text.isEmpty { return text }
        throw CLIError("seeding step '\(step)' printed no single value to capture")
    }
}
