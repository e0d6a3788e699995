import Foundation

/// Finds drill scenarios the way themes and actions are found.
///
/// Folders, highest priority first (a scenario id found earlier wins):
/// 1. each folder in `$FIREBREAK_DRILLS` (colon-separated);
/// 2. `$XDG_CONFIG_HOME/firebreak/drills` (default `~/.config/firebreak/drills`);
/// 3. `drills/` next to the executable, then next to each parent folder,
///    stopping at the first folder holding `Package.swift` or `.git`;
/// 4. `/usr/local/share/firebreak/drills`, `/usr/share/firebreak/drills`.
struct DrillScenarioLocator {
    var searchDirectories: [URL]

    init(environment: [String: String] = ProcessInfo.processInfo.environment, executableURL: URL? = Bundle.main.executableURL) {
        var directories: [URL] = []
        for path in (environment["FIREBREAK_DRILLS"] ?? "").split(separator: ":") where !path.isEmpty {
            directories.append(URL(fileURLWithPath: String(path), isDirectory: true))
        }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(URL(fileURLWithPath: config).appendingPathComponent("firebreak/drills", isDirectory: true))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/firebreak/drills", isDirectory: true))
        }
        if let executableURL {
            var directory = executableURL.resolvingSymlinksInPath().deletingLastPathComponent()
            let fileManager = FileManager.default
            while true {
                directories.append(directory.appendingPathComponent("drills", isDirectory: true))
                let isRoot = fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
                    || fileManager.fileExists(atPath: directory.appendingPathComponent(".git").path)
                let parent = directory.deletingLastPathComponent()
                if isRoot || parent.path == directory.path { break }
                directory = parent
            }
        }
        directories.append(URL(fileURLWithPath: "/usr/local/share/firebreak/drills", isDirectory: true))
        directories.append(URL(fileURLWithPath: "/usr/share/firebreak/drills", isDirectory: true))
        searchDirectories = directories
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
