import Foundation

/// The built `firebreak` binary run as its own process, with a database of
/// the test's own, the way scripts and operators run it.
struct Firebreak {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `$FIREBREAK_BIN`, else `firebreak` beside the test bundle.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["FIREBREAK_BIN"] { return path }
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("firebreak")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("the firebreak binary was not found near the test bundle; set FIREBREAK_BIN")
    }()

    let database: String
    var environment: [String: String]

    init(database: String, operatorName: String = "tester") {
        self.database = database
        var environment = ProcessInfo.processInfo.environment
        environment["FIREBREAK_DB"] = database
        environment["FIREBREAK_OPERATOR"] = operatorName
        environment["NO_COLOR"] = nil
        self.environment = environment
    }

    func operated(by name: String) -> Firebreak {
        var copy = self
        copy.environment["FIREBREAK_OPERATOR"] = name
        return copy
    }

    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Output {
        try Spawned.run(Self.binary, arguments, environment: environment.merging(extra) { $1 })
    }

    /// Runs and requires exit 0; returns stdout.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        let output = try Spawned.run(Self.binary, arguments, environment: environment)
        guard output.status == 0 else {
            throw Failure("firebreak \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return output.stdout
    }

    /// `--json` output, parsed.
    func json(_ arguments: String...) throws -> Any {
        let output = try Spawned.run(Self.binary, arguments, environment: environment)
        guard output.status == 0 else {
            throw Failure("firebreak \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    /// Every event of an incident, as `events --json` prints them.
    func events(_ incident: String = "INC-1") throws -> [[String: Any]] {
        guard let events = try json("events", incident, "--json") as? [[String: Any]] else { throw Failure("events --json is not a list") }
        return events
    }
}

/// A test failure with its reason.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Running a program to completion with its output captured in files (pipes
/// could fill and block a chatty child).
enum Spawned {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Firebreak.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let folder = FileManager.default.temporaryDirectory
        let out = folder.appendingPathComponent("fb-rel-out-\(UUID().uuidString)")
        let err = folder.appendingPathComponent("fb-rel-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Firebreak.Output(status: process.terminationStatus,
                                stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                                stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// `sh -c script` with positional arguments, for umask, ulimit and setpriv.
    static func shell(_ script: String, _ arguments: [String] = [], environment: [String: String]) throws -> Firebreak.Output {
        try run("/bin/sh", ["-c", script, "sh"] + arguments, environment: environment)
    }
}

/// A fresh folder per test, removed afterwards.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// An executable shell script in this folder.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        let path = path(name)
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }
}

/// Runs the `sqlite3` command on a database file.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let output = try Spawned.run("/usr/bin/sqlite3", [path, sql], environment: ProcessInfo.processInfo.environment)
    guard output.status == 0 else { throw Failure("sqlite3: \(output.stderr)") }
    return output.stdout
}

/// Everything in a database file, for "nothing changed" checks.
func dump(_ path: String) throws -> String {
    FileManager.default.fileExists(atPath: path) ? try sqlite3(path, ".dump") : ""
}

/// The permission bits of a file.
func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
}
