import DataFolders
import Foundation

/// Finds theme files wherever the binary runs from: in the folders
/// `DataFolderSearchPath` names for `themes` (`$FIREBREAK_THEMES`, the user's
/// config folder, next to the executable, /usr/share), first match winning.
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
        searchDirectories = DataFolderSearchPath.folders(named: "themes", environmentVariable: "FIREBREAK_THEMES",
                                                         environment: environment, executableURL: executableURL)
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
