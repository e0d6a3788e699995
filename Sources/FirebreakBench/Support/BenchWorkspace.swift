import Foundation

/// A private temporary folder for one benchmark run (databases, log files,
/// config), the binaries measured, and the environment `firebreak` runs with.
/// Removed when the run ends.
final class BenchWorkspace {
    let folder: URL
    /// The release `firebreak` built beside this executable.
    let firebreak: String
    let sqlite3: String?
    let grep: String?

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("config"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let here = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidate = here.appendingPathComponent("firebreak").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw BenchError("no firebreak binary beside \(here.path): build it first (swift build -c release --product firebreak), or run scripts/bench")
        }
        firebreak = candidate
        sqlite3 = ChildProcess.locate("sqlite3")
        grep = ChildProcess.locate("grep")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A path inside the workspace.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The environment `firebreak` runs with: this workspace's database and
    /// config, a UTF-8 locale and a common terminal type, nothing from the
    /// user's own setup.
    func environment(database: String) -> [String: String] {
        var environment: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME"] { environment[key] = inherited[key] }
        environment["FIREBREAK_DB"] = database
        environment["FIREBREAK_OPERATOR"] = "bench"
        environment["XDG_CONFIG_HOME"] = path("config")
        environment["XDG_DATA_HOME"] = path("data")
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        return environment
    }

    /// Runs `firebreak` with `arguments` on `database` and returns its stdout; fails with its stderr.
    @discardableResult
    func firebreak(_ arguments: [String], database: String) throws -> String {
        try ChildProcess.output(firebreak, arguments, environment: environment(database: database))
    }
}
