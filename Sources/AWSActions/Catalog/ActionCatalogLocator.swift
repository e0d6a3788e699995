import DataFolders
import Foundation

/// Finds action definition folders wherever the binary runs from: the folders
/// `DataFolderSearchPath` names for `actions` (`$FIREBREAK_ACTIONS`, the
/// user's config folder, next to the executable, /usr/share), highest priority
/// first; a definition overrides a built-in or lower-priority one with the same id.
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
        searchDirectories = DataFolderSearchPath.folders(named: "actions", environmentVariable: "FIREBREAK_ACTIONS",
                                                         environment: environment, executableURL: executableURL)
    }

    /// The `.json` files under `directory` (sub-folders included), sorted; none when it does not exist.
    static func definitionFiles(in directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }
}
