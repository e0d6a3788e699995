import Foundation

/// Warm Python processes running `awsForkServerScript`, shared by every test in
/// the process: each serves one call at a time by forking a child that is the
/// `aws` process the call would have been, so a call costs its own work and
/// not the CLI's start-up (≈ 0.6 s of CPU a spawned `aws`, thousands of calls
/// on two cores). At most `limit` servers at once.
///
/// A server that cannot start, or dies before taking a request, is dropped and
/// another tried; once a request is written it is never sent again (a call is
/// never made twice): a server lost during a call fails that call.
final class AWSForkServer: @unchecked Sendable {
    private let interpreter: [String]
    private let limit = 3
    private let condition = NSCondition()
    private var idle: [Server] = []
    private var started = 0
    private var broken = false

    private init(interpreter: [String]) { self.interpreter = interpreter }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pools: [[String]: AWSForkServer] = [:]

    /// The pool for `interpreter`, made on first use.
    static func shared(interpreter: [String]) -> AWSForkServer {
        lock.withLock {
            if let pool = pools[interpreter] { return pool }
            let pool = AWSForkServer(interpreter: interpreter)
            pools[interpreter] = pool
            return pool
        }
    }

    /// Runs one call; nil when no server could be started (the caller spawns `aws` instead).
    func run(_ arguments: [String], environment: [String: String]) throws -> TestAWSCLI.Result? {
        for _ in 1...3 {
            guard let server = checkOut() else { return nil }
            switch server.call(arguments, environment: environment) {
            case .answered(let result):
                checkIn(server)
                return result
            case .notSent:
                drop(server)
            case .lost(let why):
                drop(server)
                throw TestAWSCLI.Failure("the aws fork server was lost during `aws \(arguments.prefix(2).joined(separator: " "))`: \(why)")
            }
        }
        return nil
    }

    private func checkOut() -> Server? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if broken { return nil }
            if let server = idle.popLast() { return server }
            if started < limit {
                started += 1
                condition.unlock()
                let server = Server(interpreter: interpreter)
                condition.lock()
                if server == nil {
                    started -= 1
                    broken = true  // this interpreter cannot run the script: spawn from now on
                    condition.broadcast()
                }
                return server
            }
            condition.wait()
        }
    }

    private func checkIn(_ server: Server) {
        condition.lock()
        idle.append(server)
        condition.signal()
        condition.unlock()
    }

    private func drop(_ server: Server) {
        server.stop()
        condition.lock()
        started -= 1
        condition.signal()
        condition.unlock()
    }

    /// How one call went.
    private enum Outcome {
        case answered(TestAWSCLI.Result)
        case notSent
        case lost(String)
    }

    /// One Python process and its two pipes.
    private final class Server {
        private let process = Process()
        private let requests = Pipe()
        private let answers = Pipe()
        private var buffered = Data()

        init?(interpreter: [String]) {
            process.executableURL = URL(fileURLWithPath: interpreter[0])
            process.arguments = Array(interpreter.dropFirst()) + ["-c", awsForkServerScript]
            process.standardInput = requests
            process.standardOutput = answers
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            guard let ready = readLine(), String(decoding: ready, as: UTF8.self) == #"{"ready": true}"# else {
                stop()
                return nil
            }
        }

        func call(_ arguments: [String], environment: [String: String]) -> Outcome {
            let folder = FileManager.default.temporaryDirectory
            let out = folder.appendingPathComponent("fb-aws-out-\(UUID().uuidString)")
            let err = folder.appendingPathComponent("fb-aws-err-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: out.path, contents: nil),
                  FileManager.default.createFile(atPath: err.path, contents: nil) else { return .notSent }
            defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
            let request: [String: Any] = ["argv": arguments, "env": environment, "stdout": out.path, "stderr": err.path]
            guard process.isRunning, var line = try? JSONSerialization.data(withJSONObject: request) else { return .notSent }
            line.append(0x0A)
            do { try requests.fileHandleForWriting.write(contentsOf: line) } catch { return .notSent }
            guard let answer = readLine() else { return .lost("no answer (the server ended)") }
            guard let object = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
                  let status = object["status"] as? Int else {
                return .lost("an answer that is not one: \(String(decoding: answer.prefix(200), as: UTF8.self))")
            }
            guard let stdout = try? Data(contentsOf: out), let stderr = try? Data(contentsOf: err) else {
                return .lost("its output files could not be read")
            }
            return .answered(TestAWSCLI.Result(status: Int32(truncatingIfNeeded: status),
                                               stdout: String(decoding: stdout, as: UTF8.self),
                                               stderr: String(decoding: stderr, as: UTF8.self)))
        }

        private func readLine() -> Data? {
            while true {
                if let end = buffered.firstIndex(of: 0x0A) {
                    let line = Data(buffered[buffered.startIndex..<end])
                    buffered = Data(buffered[(end + 1)...])
                    return line
                }
                let chunk = answers.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                buffered.append(chunk)
            }
        }

        func stop() {
            try? requests.fileHandleForWriting.close()
            if process.isRunning { process.terminate() }
        }
    }
}
