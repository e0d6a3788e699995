import AWSEmulator
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server of the bench's own, as the tests start theirs (Debian's
/// `postgresql`, installed by `scripts/setup`): `initdb` into a private
/// temporary folder, a free port on 127.0.0.1 (and its Unix socket in that
/// folder), trust authentication for its one role. Unlike the tests' server it
/// keeps PostgreSQL's durable defaults (`fsync`, `synchronous_commit=on`): the
/// figures are durable commits, as a team's server makes them and as SQLite's
/// figures are (`synchronous=FULL`). Stopped, and its folder removed, when the
/// run ends, or by a watchdog when the bench dies first.
///
/// As root, the server runs as `nobody`: PostgreSQL refuses to run as root.
final class PostgresBenchServer {
    let port: Int
    let user = "firebreak"
    private let folder: String
    private var stopped = false

    /// The binaries Debian installs for its newest major version.
    static let binaries: String = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return "\(root)/\(versions.last ?? 15)/bin"
    }()

    static var isInstalled: Bool {
        ["postgres", "initdb", "pg_ctl", "psql"].allSatisfy { FileManager.default.isExecutableFile(atPath: binaries + "/" + $0) }
    }

    var psql: String { Self.binaries + "/psql" }

    init() throws {
        var template = Array("/tmp/firebreak-bench-pg.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot make a folder for the PostgreSQL server") }
        folder = String(cString: made)
        if getuid() == 0 { _ = chown(folder, 65534, 65534) }
        do {
            port = try LocalPort.free()
        } catch {
            throw BenchError("no free port on 127.0.0.1 for the PostgreSQL server")
        }
        try watchOverThisProcess()
        // --no-sync: the server's files are set up, not measured; every commit the figures time is durable.
        try Self.asServer(["initdb", "-D", folder + "/data", "-U", user, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
        try Self.asServer(["pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                           "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c max_connections=50", "start"], detached: true)
    }

    deinit { stop() }

    /// Stops the server (`fast`: sessions ended, a clean checkpoint) and removes its folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? Self.asServer(["pg_ctl", "-D", folder + "/data", "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new, empty database, and its URL for `FIREBREAK_DB`.
    func createDatabase(_ name: String) throws -> String {
        _ = try sql(database: "postgres", "CREATE DATABASE \(name)")
        return url(name)
    }

    func url(_ database: String) -> String { "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable" }

    /// The `psql` arguments that reach `database` on this server, over TCP as Firebreak does.
    func psqlArguments(_ database: String) -> [String] {
        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database]
    }

    /// The environment `psql` runs with: nothing of the user's own PostgreSQL setup.
    var psqlEnvironment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LC_ALL": "C", "PGCONNECT_TIMEOUT": "10"]
    }

    /// Runs SQL with `psql` and returns its rows (unaligned, tuples only).
    @discardableResult
    func sql(database: String, _ statement: String, output: String? = nil) throws -> String {
        let arguments = psqlArguments(database) + ["-At", "-c", statement] + (output.map { ["-o", $0] } ?? [])
        return try ChildProcess.output(psql, arguments, environment: psqlEnvironment)
    }

    /// Stops the server and removes its folder when the bench ends however it ends.
    private func watchOverThisProcess() throws {
        let stop = (getuid() == 0 ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : "")
            + "\(Self.binaries)/pg_ctl -D \(folder)/data -m immediate -w stop"
        _ = try ChildProcess.spawn("/bin/sh", ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop); rm -rf \(folder)"],
                                   environment: ["PATH": "/usr/bin:/bin"])
    }

    /// A server binary, as `nobody` when the bench runs as root. `detached`: the server it starts
    /// keeps its output open while it runs, so it gets /dev/null rather than a file the bench reads.
    private static func asServer(_ arguments: [String], detached: Bool = false) throws {
        let binary = binaries + "/" + arguments[0]
        let (executable, argv) = getuid() == 0
            ? ("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments.dropFirst())
            : (binary, Array(arguments.dropFirst()))
        let environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]
        if detached {
            let run = try ChildProcess.run(executable, argv, environment: environment)
            guard run.status == 0 else { throw BenchError("\(arguments[0]) failed (exit \(run.status))") }
        } else {
            _ = try ChildProcess.output(executable, argv, environment: environment)
        }
    }
}
