import DataFolders
import Foundation

/// Finds drill scenarios in the folders `DataFolderSearchPath` names for
/// `drills` (`$FIREBREAK_DRILLS`, the user's config folder, the installation's
/// or build tree's own, /usr/share); a scenario id found earlier wins.
///
/// A scenario file that is malformed, or that others could write
/// (`DataFileTrust`), is skipped with one line through `warn` naming it; the
/// others still load.
struct DrillScenarioLocator {
    var searchDirectories: [URL]
    var warn: (String) -> Void = { Output.error("warning: \($0)") }

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
                let url = directory.appendingPathComponent(file)
                if let problem = DataFileTrust.problem(with: url, under: directory) {
                    warn("drill scenario \(url.path): \(problem); skipped")
                    continue
                }
                do {
                    let scenario = try DrillScenario.load(contentsOf: url)
                    seen[scenario.id] = scenario
                } catch {
                    warn("\(error) (\(url.path)); skipped")
                }
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
