import FirebreakTestSupport
import Foundation
import Testing

/// One `moto_server` on a free 127.0.0.1 port, started for the suites that
/// carry the `.motoServer` trait and stopped when they end.
final class MotoServer: @unchecked Sendable {
    @TaskLocal static var current: MotoServer?

    let port: Int
    let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init() throws {
        port = try LocalPort.free()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "false"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !LocalPort.accepts(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "moto_server did not start (run scripts/setup)"])
            }
            usleep(50_000)
        }
    }

    /// SIGKILL: moto keeps nothing worth flushing, and its server ignores SIGTERM.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The environment an `aws` call against this server needs: dummy credentials, one attempt, no user config.
    var environment: [String: String] { emulatorEnvironment(endpoint: endpoint) }
}

/// Starts a moto server around a suite and stops it afterwards.
struct MotoServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try MotoServer()
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == MotoServerTrait {
    static var motoServer: MotoServerTrait { MotoServerTrait() }
}
