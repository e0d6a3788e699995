import Foundation

/// A program run to completion with its output captured in files (pipes could
/// fill and block a chatty child), stdin empty: what it printed and how it ended.
public struct CapturedRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `executable ARGUMENTS` with exactly `environment` and waits for it.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let folder = FileManager.default.temporaryDirectory
        let out = folder.appendingPathComponent("fb-run-out-\(UUID().uuidString)")
        let err = folder.appendingPathComponent("fb-run-err-\(UUID().uuidString)")
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
        return CapturedRun(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                           stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
