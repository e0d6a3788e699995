import DataFolders
import Foundation

/// Finds theme files wherever the binary runs from: in the folders
/// `DataFolderSearchPath` names for `themes` (`$FIREBREAK_THEMES`, the user's
/// config folder, the installation's or build tree's own, /usr/share), first
/// match winning. A theme file someone else could write (`DataFileTrust`) is
/// refused with the reason, and the built-in default is used instead.
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
        found(name)?.url
    }

    /// The file for theme `name` and the search folder it was found in (nil for a path given as is).
    private func found(_ name: String) -> (url: URL, directory: URL?)? {
        let fileManager = FileManager.default
        if name.contains("/") || name.hasSuffix(".theme") {
            let url = URL(fileURLWithPath: name)
            return fileManager.fileExists(atPath: url.path) ? (url, nil) : nil
        }
        for directory in searchDirectories {
            let candidate = directory.appendingPathComponent("\(name).theme")
            if fileManager.fileExists(atPath: candidate.path) { return (candidate, directory) }
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
    /// to the compiled-in copies when no file is found. A file found on the search
    /// list that others could write is refused (a path given as is is the user's own choice).
    public func load(_ name: String) throws(ThemeError) -> Theme {
        if let (url, directory) = found(name) {
            if let directory, let problem = DataFileTrust.problem(with: url, under: directory) {
                throw ThemeError(file: url.path, line: nil, message: problem)
            }
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
