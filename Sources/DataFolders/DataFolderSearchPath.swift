import Foundation

/// Where Firebreak looks for one kind of data file (themes, action
/// definitions, drill scenarios), highest priority first:
/// 1. each folder in the kind's environment variable (colon-separated), e.g. `$FIREBREAK_THEMES`;
/// 2. `$XDG_CONFIG_HOME/firebreak/<name>` (default `~/.config/firebreak/<name>`): the user's own;
/// 3. `<name>/` next to the executable, then next to each parent folder,
///    stopping after the first folder that holds `Package.swift` or `.git`
///    (the repository root, for binaries under `.build/`);
/// 4. `/usr/local/share/firebreak/<name>`, `/usr/share/firebreak/<name>`.
///
/// ```swift
/// DataFolderSearchPath.folders(named: "themes", environmentVariable: "FIREBREAK_THEMES")
/// ```
public enum DataFolderSearchPath {
    public static func folders(named name: String, environmentVariable: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               executableURL: URL? = Bundle.main.executableURL) -> [URL] {
        var folders: [URL] = []
        for path in (environment[environmentVariable] ?? "").split(separator: ":") where !path.isEmpty {
            folders.append(URL(fileURLWithPath: String(path), isDirectory: true))
        }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            folders.append(URL(fileURLWithPath: config).appendingPathComponent("firebreak/\(name)", isDirectory: true))
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append(URL(fileURLWithPath: home).appendingPathComponent(".config/firebreak/\(name)", isDirectory: true))
        }
        if let executableURL {
            var folder = executableURL.resolvingSymlinksInPath().deletingLastPathComponent()
            let fileManager = FileManager.default
            while true {
                folders.append(folder.appendingPathComponent(name, isDirectory: true))
                let isRoot = fileManager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
                    || fileManager.fileExists(atPath: folder.appendingPathComponent(".git").path)
                let parent = folder.deletingLastPathComponent()
                if isRoot || parent.path == folder.path { break }
                folder = parent
            }
        }
        folders.append(URL(fileURLWithPath: "/usr/local/share/firebreak/\(name)", isDirectory: true))
        folders.append(URL(fileURLWithPath: "/usr/share/firebreak/\(name)", isDirectory: true))
        return folders
    }
}
