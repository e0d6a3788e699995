import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where Firebreak looks for one kind of data file (themes, action
/// definitions, drill scenarios), highest priority first:
/// 1. each folder in the kind's environment variable (colon-separated), e.g. `$FIREBREAK_THEMES`;
/// 2. `$XDG_CONFIG_HOME/firebreak/<name>` (default `~/.config/firebreak/<name>`): the user's own;
/// 3. the installation's own data: `<prefix>/share/firebreak/<name>` for a binary at `<prefix>/bin/`;
/// 4. for a build tree, `<repo>/<name>`: a binary under `<repo>/.build/` whose `<repo>/Package.swift`
///    declares the package `Firebreak` (see `buildRepository(of:)`);
/// 5. `/usr/local/share/firebreak/<name>`, `/usr/share/firebreak/<name>`.
///
/// Nothing else: in particular no folder merely *near* the executable, so a
/// binary unpacked under `/tmp/x/` does not read a `/tmp/actions` someone else
/// made. Every file found is still checked by `DataFileTrust` before use.
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
            let executable = executableURL.resolvingSymlinksInPath()
            let folder = executable.deletingLastPathComponent()
            if folder.lastPathComponent == "bin" {
                folders.append(folder.deletingLastPathComponent().appendingPathComponent("share/firebreak/\(name)", isDirectory: true))
            }
            if let repository = buildRepository(of: executable) {
                folders.append(repository.appendingPathComponent(name, isDirectory: true))
            }
        }
        for shared in ["/usr/local/share/firebreak/\(name)", "/usr/share/firebreak/\(name)"] {
            let url = URL(fileURLWithPath: shared, isDirectory: true)
            if !folders.contains(where: { $0.standardizedFileURL.path == url.path }) { folders.append(url) }
        }
        return folders
    }

    /// The repository a build-tree binary was built from, or nil.
    ///
    /// The rule: the binary's path has a `.build` component; the folder holding
    /// the nearest one is the repository; its `Package.swift` declares
    /// `name: "Firebreak"`; and that folder and its `Package.swift` are owned by
    /// the binary's own owner (or root) and writable by no one else. Someone who
    /// can only create folders in `/tmp` cannot meet it for a binary they did not
    /// place: the repository is an ancestor of the binary itself, never a
    /// sibling looked up by name, and it must belong to whoever owns the binary.
    public static func buildRepository(of executable: URL) -> URL? {
        let components = executable.standardizedFileURL.pathComponents
        guard let index = components.dropLast().lastIndex(of: ".build"), index > 0 else { return nil }
        let repository = URL(fileURLWithPath: NSString.path(withComponents: Array(components[..<index])), isDirectory: true)
        let manifest = repository.appendingPathComponent("Package.swift")
        var binary = stat()
        guard stat(executable.path, &binary) == 0 else { return nil }
        for url in [repository, manifest] {
            var info = stat()
            guard stat(url.path, &info) == 0,
                  info.st_uid == binary.st_uid || info.st_uid == 0,
                  info.st_mode & 0o022 == 0 else { return nil }
        }
        guard let text = try? String(contentsOf: manifest, encoding: .utf8),
              text.range(of: #"name:\s*"Firebreak""#, options: .regularExpression) != nil else { return nil }
        return repository
    }
}
