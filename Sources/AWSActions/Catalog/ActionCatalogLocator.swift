import Foundation

/// Finds action definition folders wherever the binary runs from, the way themes are found.
///
/// Folders, highest priority first (a definition overrides a built-in or
/// lower-priority one with the same id):
/// 1. each folder in `$FIREBREAK_ACTIONS` (colon-separated);
/// 2. `$XDG_CONFIG_HOME/firebreak/actions` (default `~/.config/firebreak/actions`): the user's own;
/// 3. `actions/` next to the executable, then next to each parent folder,
///    stopping at the first folder holding `Package.swift` or `.git`;
/// 4. `/usr/local/share/firebreak/actions`, `/usr/share/firebreak/actions`.
///
/// The built-in definitions (the repository's `actions/`) are also compiled
/// in, so the catalog is complete from anywhere.
public struct ActionCatalogLocator: Sendable {
    /// The folders searched, highest priority first.
    public var searchDirectories: [URL]

    public init(searchDirectories: [URL]) {
        self.searchDirectories = searchDirectories
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executableURL: URL? = Bundle.main.executableURL) {
        var directories: [URL] = []
        for path in (environment["FIREBREAK_ACTIONS"] ?? "").split(separator: ":") where !path.isEmpty {
            directories.append(URL(fileURLWithPath: String(path), isDirectory: true))
        }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(URL(fileURLWithPath: config).appendingPathComponent("firebreak/actions", isDirectory: true))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/firebreak/actions", isDirectory: true))
        }
        if let executableURL {
            var directory = executableURL.resolvingSymlinksInPath().deletingLastPathComponent()
            let fileManager = FileManager.default
            while true {
                directories.append(directory.appendingPathComponent("actions", isDirectory: true))
                let isRoot = fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
                    || fileManager.fileExists(atPath: directory.appendingPathComponent(".git").path)
                let parent = directory.deletingLastPathComponent()
                if isRoot || parent.path == directory.path { break }
                directory = parent
            }
        }
        directories.append(URL(fileURLWithPath: "/usr/local/share/firebreak/actions", isDirectory: true))
        directories.append(URL(fileURLWithPath: "/usr/share/firebreak/actions", isDirectory: true))
        searchDirectories = directories
    }

    /// The `.json` files under `directory` (sub-folders included), sorted; none when it does not exist.
    static func definitionFiles(in directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }
}
