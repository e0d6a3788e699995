import AWSEmulator
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server of the tests' own (Debian's `postgresql`, installed
/// by `scripts/setup`): `initdb` into a temporary folder, a private port on
/// 127.0.0.1, trust authentication for its one role, `fsync=off` and
/// `full_page_writes=off` (the WAL reaches the kernel, not the disk: only a power
/// cut would tell, and no test makes one). One for the whole test process, started
/// on first use and stopped when the process exits; each test takes a fresh
/// database of its own on it.
///
/// Durability: the shared server is never stopped under a test (`stop()` refuses
/// it), so no test on it can observe whether an acknowledged commit survives, and
/// it acknowledges commits before their WAL is written (`synchronous_commit=off`)
/// for speed. A test that proves an acknowledged event survives a stop takes a
/// `dedicated()` server, which acknowledges a commit only once it is in the WAL.
///
/// As root (CI containers), the server runs as `nobody`: PostgreSQL refuses to run as root.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let user = "firebreak"
    let folder: String
    private let lock = NSLock()
    private var databases = 0

    /// The binaries Debian installs for its default major version.
    public static let binaries: String = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return "\(root)/\(versions.last ?? 15)/bin"
    }()

    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binaries + "/postgres") }

    nonisolated(unsafe) private static var sharedServer: PostgresServer?
    private static let sharedLock = NSLock()

    /// The process's server, started the first time it is asked for.
    public static func shared() throws -> PostgresServer {
        try sharedLock.withLock {
            if let sharedServer { return sharedServer }
            let server = try PostgresServer()
            sharedServer = server
            atexit { PostgresServer.sharedServer?.shutDown() }
            return server
        }
    }

    /// A server of a test's own, for what would disturb the tests sharing `shared()`: stopping
    /// and starting it under a client, TLS. `tls`: `ssl=on` with a certificate for 127.0.0.1 and
    /// localhost signed by a CA made for it (`caFile`), by Debian's openssl. Stop it with `shutDown()`.
    public static func dedicated(tls: Bool = false) throws -> PostgresServer {
        try PostgresServer(tls: tls, durableCommits: true)
    }

    /// With TLS: the CA that signed the server's certificate, for `sslrootcert`.
    public var caFile: String { folder + "/ca.crt" }
    private let tls: Bool
    /// A dedicated server is stopped at once under its clients: each commit must be in the WAL when it is
    /// acknowledged (`synchronous_commit=on`), or an immediate stop loses the last ones.
    private let durableCommits: Bool

    init(tls: Bool = false, durableCommits: Bool = false) throws {
        self.tls = tls
        self.durableCommits = durableCommits
        guard Self.isInstalled else {
            throw PostgresServerError("PostgreSQL is not installed under \(Self.binaries); run scripts/setup")
        }
        var template = Array("/tmp/firebreak-pg.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PostgresServerError("cannot make a folder for the server") }
        folder = String(cString: made)
        if getuid() == 0 { _ = chown(folder, 65534, 65534) }
        port = try LocalPort.free()
        try Self.runAsServer(["initdb", "-D", folder + "/data", "-U", user, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
        if tls { try makeCertificates() }
        try start()
        try watchOverThisProcess()
    }

    /// Stops the server and removes its folder when this test process ends however it ends
    /// (killed by a timeout included), so no server outlives its tests.
    private func watchOverThisProcess() throws {
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        let stop = (getuid() == 0 ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : "")
            + "\(Self.binaries)/pg_ctl -D \(folder)/data -m immediate -w stop"
        watchdog.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop); rm -rf \(folder)"]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
    }

    /// Starts (or starts again) the server on its port, waiting until it accepts connections.
    public func start() throws {
        let ssl = tls ? " -c ssl=on -c ssl_cert_file=\(folder)/server.crt -c ssl_key_file=\(folder)/server.key" : ""
        // The server inherits pg_ctl's output: a pipe would never reach its end while the server runs.
        try Self.runAsServer(detached: true, ["pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                              "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=\(durableCommits ? "on" : "off") -c full_page_writes=off -c max_connections=200" + ssl,
                              "start"])
    }

    /// A CA of its own in `folder` that signed nothing this server shows (a client trusting only it must refuse the server).
    public static func unrelatedCA(in folder: String) throws -> String {
        let path = folder + "/unrelated-ca.crt"
        try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-keyout", folder + "/unrelated-ca.key", "-out", path, "-days", "2", "-subj", "/CN=someone else"])
        return path
    }

    /// A CA and a server certificate it signed (for 127.0.0.1 and localhost), P-256 keys: quick to make.
    private func makeCertificates() throws {
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else { throw PostgresServerError("openssl is not installed; run scripts/setup") }
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.run(openssl, ["req", "-x509"] + key + ["-keyout", folder + "/ca.key", "-out", caFile, "-days", "2", "-subj", "/CN=firebreak test CA"])
        try Self.run(openssl, ["req"] + key + ["-keyout", folder + "/server.key", "-out", folder + "/server.csr", "-subj", "/CN=localhost"])
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
        try Self.run(openssl, ["x509", "-req", "-in", folder + "/server.csr", "-CA", caFile, "-CAkey", folder + "/ca.key", "-CAcreateserial",
                               "-out", folder + "/server.crt", "-days", "2", "-extfile", folder + "/server.ext"])
        // The server refuses a key others can read, and must own it.
        chmod(folder + "/server.key", 0o600)
        if getuid() == 0 { _ = chown(folder + "/server.key", 65534, 65534); _ = chown(folder + "/server.crt", 65534, 65534) }
    }

    /// Stops the server at once (as a crash or a pulled cable would look to clients). Only a dedicated
    /// server: the shared one's commits are not durable across a stop, and other tests are on it.
    public func stop() {
        precondition(durableCommits, "stop a dedicated() server: the shared one is not durable across a stop and serves other tests")
        _ = try? Self.runAsServer(["pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// Stops the server for good and removes its folder.
    public func shutDown() {
        _ = try? Self.runAsServer(["pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new, empty database on the server, and its URL for `--db`.
    public func createDatabase() throws -> (name: String, url: String) {
        let name = lock.withLock { () -> String in
            databases += 1
            return "t\(getpid())_\(databases)"
        }
        try psql(database: "postgres", "CREATE DATABASE \(name)")
        return (name, url(database: name))
    }

    public func url(database: String, sslmode: String = "disable") -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=\(sslmode)"
    }

    /// Runs SQL with `psql`, as an administrator (or an attacker with the server's credentials) would;
    /// rows come back one a line, columns joined by `|` (as `sqlite3` prints them). Throws with psql's message.
    @discardableResult
    public func psql(database: String, _ sql: String) throws -> String {
        try Self.run(Self.binaries + "/psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port),
                                             "-U", user, "-d", database, "-c", sql])
    }

    /// A server binary, as `nobody` when this process is root.
    private static func runAsServer(detached: Bool = false, _ arguments: [String]) throws {
        let binary = binaries + "/" + arguments[0]
        if getuid() == 0 {
            try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments.dropFirst(), detached: detached)
        } else {
            try run(binary, Array(arguments.dropFirst()), detached: detached)
        }
    }

    /// Runs a program to its end and returns its output. By posix_spawn and waitpid rather than
    /// Foundation's Process, which here left `pg_ctl start` (whose server inherits its output) unreaped.
    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], detached: Bool = false) throws -> String {
        var template = Array("/tmp/firebreak-pg-out.XXXXXX".utf8CString)
        let outputFD = mkstemp(&template)
        guard outputFD >= 0 else { throw PostgresServerError("cannot make a file for \(executable)'s output") }
        let outputPath = String(cString: template)
        defer { close(outputFD); unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // A detached server keeps its output open for as long as it runs: give it /dev/null, not our file.
        if detached {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, detached ? 1 : outputFD, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = nil
        environment["LC_ALL"] = "C"
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw PostgresServerError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out (the C macros are not visible to Swift).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw PostgresServerError("\(URL(fileURLWithPath: executable).lastPathComponent) failed (status \(status)): \(text)")
        }
        return text
    }
}

public struct PostgresServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
