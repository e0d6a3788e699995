import Foundation

/// Finds theme files wherever the binary runs from.
///
/// Directories are searched in this order (first match wins):
/// 1. each directory in `$FIREBREAK_THEMES` (colon-separated);
/// 2. `$XDG_CONFIG_HOME/firebreak/themes` (default `~/.config/firebreak/themes`);
/// 3. `themes/` next to the executable, then next to each parent directory,
///    stopping after the first directory that holds `Package.swift` or `.git`
///    (the repository root, for binaries under `.build/`);
/// 4. `/usr/local/share/firebreak/themes`, `/usr/share/firebreak/themes`.
///
/// The default and mono themes are also compiled in, so `resolve` always
/// returns a usable theme.
public struct ThemeLocator: Sendable {
    /// The directories searched, in order.
    public var searchDirectories: [URL]

    /// A locator with an explicit search list (tests, packaging).
    public init(searchDirectories: [URL]) {
        self.searchDirectories = searchDirectories
    }

    /// The standard search list for this environment and executable.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executableURL: URL? = Bundle.main.executableURL) {
        var directories: [URL] = []
        if let list = environment["FIREBREAK_THEMES"] {
            for path in list.split(separator: ":") where !path.isEmpty {
                directories.append(URL(fileURLWithPath: String(path), isDirectory: true))
            }
        }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(URL(fileURLWithPath: config).appendingPathComponent("firebreak/themes", isDirectory: true))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/firebreak/themes", isDirectory: true))
        }
        if let executableURL {
            var directory = executableURL.resolvingSymlinksInPath().deletingLastPathComponent()
            let fileManager = FileManager.default
            while true {
                directories.append(directory.appendingPathComponent("themes", isDirectory: true))
                let isRoot = fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
                    || fileManager.fileExists(atPath: directory.appendingPathComponent(".git").path)
                let parent = directory.deletingLastPathComponent()
                if isRoot || parent.path == directory.path { break }
                directory = parent
            }
        }
        directories.append(URL(fileURLWithPath: "/usr/local/share/firebreak/themes", isDirectory: true))
        directories.append(URL(fileURLWithPath: "/usr/share/firebreak/themes", isDirectory: true))
        self.searchDirectories = directories
    }

    /// The file for theme `name`: a path (contains `/` or ends in `.theme`) is
    /// taken as is; otherwise the first `<name>.theme` on the search list.
    public func url(forTheme name: String) -> URL? {
        let fileManager = FileManager.default
        if name.contains("/") || name.hasSuffix(".theme") {
            let url = URL(fileURLWithPath: name)
            return fileManager.fileExists(atPath: url.path) ? url : nil
        }
        for directory in searchDirectories {
            let candidate = directory.appendingPathComponent("\(name).theme")
            if fileManager.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Names of every theme found on the search list, plus the built-in ones.
    public func availableThemes() -> [String] {
        var names: Set<String> = ["default", "mono"]
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files where file.hasSuffix(".theme") {
                names.insert(String(file.dropLast(".theme".count)))
            }
        }
        return names.sorted()
    }

    /// Loads theme `name` from the search list; `default` and `mono` fall back
    /// to the compiled-in copies when no file is found.
    public func load(_ name: String) throws(ThemeError) -> Theme {
        if let url = url(forTheme: name) {
            return try Theme.load(contentsOf: url)
        }
        switch name {
        case "default": return .builtinDefault
        case "mono": return .builtinMonochrome
        default:
            let searched = searchDirectories.map(\.path).joined(separator: ", ")
            throw ThemeError(file: "\(name).theme", line: nil, message: "no such theme (searched \(searched))")
        }
    }
}
