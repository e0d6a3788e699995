import Foundation
import FirebreakTestSupport

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

/// Running a program to completion with its output captured (`CapturedRun`).
enum Spawned {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Firebreak.Output {
        let run = try CapturedRun.run(executable, arguments, environment: environment)
        return Firebreak.Output(status: run.status, stdout: run.stdout, stderr: run.stderr)
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
