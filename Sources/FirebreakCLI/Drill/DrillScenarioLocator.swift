import DataFolders
import Foundation

/// Finds drill scenarios in the folders `DataFolderSearchPath` names for
/// `drills` (`$FIREBREAK_DRILLS`, the user's config folder, next to the
/// executable, /usr/share); a scenario id found earlier wins.
struct DrillScenarioLocator {
    var searchDirectories: [URL]

    init(environment: [String: String] = ProcessInfo.processInfo.environment,
         executableURL: URL? = Bundle.main.executableURL) {
        searchDirectories = DataFolderSearchPath.folders(named: "drills", environmentVariable: "FIREBREAK_DRILLS",
                                                         environment: environment, executableURL: executableURL)
    }

    /// Every scenario found, by id, first found winning; sorted by id.
    func all() throws -> [DrillScenario] {
        var seen: [String: DrillScenario] = [:]
        for directory in searchDirectories {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            for file in files where seen[String(file.dropLast(5))] == nil {
                let scenario = try DrillScenario.load(contentsOf: directory.appendingPathComponent(file))
                seen[scenario.id] = scenario
            }
        }
        return seen.values.sorted { $0.id < $1.id }
    }

    /// The scenario `id`, or a one-line error listing the ones there are.
    func scenario(_ id: String) throws -> DrillScenario {
        let scenarios = try all()
        if let found = scenarios.first(where: { $0.id == id }) { return found }
        if scenarios.isEmpty {
            throw CLIError("no drill scenarios found (searched \(searchDirectories.map(\.path).joined(separator: ", ")))")
        }
        throw CLIError("no drill scenario '\(id.terminalSafe)'; there are: \(scenarios.map(\.id).joined(separator: ", "))")
    }
}
