import AWSEmulator
import FirebreakTestSupport
import Foundation
import Testing

/// One `moto_server` on a free 127.0.0.1 port, started for the suites that
/// carry the `.motoServer` trait and stopped when they end.
final class MotoServer: @unchecked Sendable {
    @TaskLocal static var current: MotoServer?

    private let emulator: MotoEmulator
    var port: Int { emulator.port }
    var endpoint: String { emulator.endpoint }

    init() throws {
        emulator = try MotoEmulator(environment: ProcessInfo.processInfo.environment)
    }

    func stop() { emulator.stop() }

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
