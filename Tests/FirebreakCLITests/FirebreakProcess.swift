import Foundation

/// The built `firebreak` binary, run as a separate process the way scripts run it.
struct FirebreakProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    /// `$FIREBREAK_BIN`, else `firebreak` beside the test bundle (SwiftPM builds it
    /// because this test target depends on the executable).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["FIREBREAK_BIN"] { return URL(fileURLWithPath: path) }
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("firebreak")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("the firebreak binary was not found near \(testBinary.path); set FIREBREAK_BIN")
    }()

    let database: String
    var environment: [String: String]

    init(database: String, operatorName: String = "tester") {
        self.database = database
        var environment = ProcessInfo.processInfo.environment
        environment["FIREBREAK_DB"] = database
        environment["FIREBREAK_OPERATOR"] = operatorName
        // Signing keys, the signed-head journal and user definitions live under these: each
        // test keeps its own beside its database, never the runner's real ones.
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("xdg-config").path
        environment["XDG_DATA_HOME"] = folder.appendingPathComponent("xdg-data").path
        self.environment = environment
    }

    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Result {
        try run(arguments, environment: extra)
    }

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a chatty process cannot block on a full pipe.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { Thread.sleep(forTimeInterval: 0.001) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// Runs and requires success, returning stdout.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "firebreak \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"])
        }
        return result.stdout
    }

    /// Parses `--json` output.
    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "firebreak \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"])
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}

/// Runs the `sqlite3` command on a database file.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: text]) }
    return text
}

/// Everything in a database file, for "nothing changed" checks; empty when the file is absent.
func dump(_ path: String) throws -> String {
    FileManager.default.fileExists(atPath: path) ? try sqlite3(path, ".dump") : ""
}
