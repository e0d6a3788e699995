import Foundation
import IncidentModel

/// A practice incident as data (`drills/*.json`): how to seed the emulator,
/// which resources the incident starts with, the log lines the attacker left,
/// and what "contained" means for `drill --check`.
///
/// Values in `seed`, `resources` and `logLines` may name a step's
/// capture in braces (`{key}`): the id moto gave what the step created.
struct DrillScenario: Decodable {
    /// One AWS CLI call that builds the compromised environment.
    struct SeedStep: Decodable {
        var name: String
        /// The argv after `aws`; `--output json` is added by the runner.
        var argv: [String]
        var region: String?
        /// Keeps the call's JSON output (use `--query` to pick one value) under this name.
        var capture: String?
    }

    /// A resource the incident opens with.
    struct SeedResource: Decodable {
        var id: String
        var kind: String
        var region: String?
        var state: String
        var owner: String?
    }

    /// A line the attacker left in a log, `minutesAgo` before the drill starts.
    struct LogLine: Decodable {
        var minutesAgo: Int
        var text: String
    }

    var id: String
    var title: String
    var summary: String
    var severity: Int
    var regions: [String]
    /// How fast a good team contains it, for the score.
    var targetMinutes: Int
    /// What "contained" means, in words.
    var contained: String
    var seed: [SeedStep]
    var resources: [SeedResource]
    var logLines: [LogLine]

    /// Where the file came from (for messages).
    var source = ""

    private enum CodingKeys: String, CodingKey {
        case id, title, summary, severity, regions, targetMinutes, contained, seed, resources, logLines
    }

    /// Reads and checks one scenario file; a problem names the file and the field.
    static func load(contentsOf url: URL) throws -> DrillScenario {
        let name = url.lastPathComponent
        var scenario: DrillScenario
        do {
            scenario = try JSONDecoder().decode(DrillScenario.self, from: Data(contentsOf: url))
        } catch let DecodingError.keyNotFound(key, _) {
            throw CLIError("drill \(name): missing field '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw CLIError("drill \(name): wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw CLIError("drill \(name): not valid JSON")
        }
        scenario.source = url.path
        guard scenario.id == url.deletingPathExtension().lastPathComponent else {
            throw CLIError("drill \(name): its id '\(scenario.id.terminalSafe)' must match the file name")
        }
        _ = try Severity(validating: scenario.severity)
        for region in scenario.regions { _ = try AWSRegion.validate(region) }
        for resource in scenario.resources {
            _ = try ResourceKind(parsing: resource.kind)
            _ = try ResourceState(parsing: resource.state)
        }
        return scenario
    }

    /// `text` with every `{capture}` replaced by its value.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }
}
