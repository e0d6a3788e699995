@testable import AWSActions
import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
import Testing

/// What the `aws` child gets from Firebreak and what it does not: only
/// descriptors 0–2, no argument the CLI would expand into a file's or a URL's
/// contents, and no life of its own once the run is interrupted.
@Suite("The AWS CLI runner keeps the child apart")
struct RunnerIsolationTests {
    /// A stand-in that prints the descriptors it holds (the one `listdir` opens is closed again, so it fails `readlink`).
    static let descriptorLister = #"""
    exec python3 -c '
    import os
    for fd in sorted(os.listdir("/proc/self/fd"), key=int):
        try: print(fd, os.readlink("/proc/self/fd/" + fd))
        except OSError: pass
    '
    """#

    @Test func theCLIInheritsNoDescriptorButTheStandardThree() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-fds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An extra file held open without close-on-exec, and a database open in this process.
        let extraPath = folder.appendingPathComponent("held-open").path
        _ = FileManager.default.createFile(atPath: extraPath, contents: Data("x".utf8))
        let extra = open(extraPath, O_RDONLY)
        #expect(extra > 2)
        defer { close(extra) }
        let databasePath = folder.appendingPathComponent("firebreak.db").path
        let store = try SQLiteIncidentStore(path: databasePath)
        _ = try store.incidents(includeClosed: true)

        let fake = try FakeCLI(script: Self.descriptorLister)
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path))
        // From this thread and from a queue's worker, as the executor calls it.
        var results = [try runner.run(["sts", "get-caller-identity"])]
        let box = ResultBox()
        DispatchQueue.global().async { box.set(Result { () throws(AWSCLIFailure) in try runner.run(["sts", "get-caller-identity"]) }) }
        results.append(try #require(box.wait(seconds: 30)).get())
        for result in results {
            #expect(result.succeeded, "\(result.stderr)")
            let held = result.stdout.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1) }
            #expect(held.map { String($0[0]) } == ["0", "1", "2"], "the CLI inherited: \(result.stdout)")
            #expect(!result.stdout.contains(databasePath) && !result.stdout.contains(extraPath))
        }
        withExtendedLifetime(store) {}
    }

    @Test func anInterruptionKillsTheRunningCallsProcessGroupAtOnceAndStartsNoOther() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path, helperFile = folder.appendingPathComponent("helper").path
        let marker = folder.appendingPathComponent("done").path, started = folder.appendingPathComponent("started").path
        let fake = try FakeCLI(script: """
            touch '\(started)'
            sleep 30 &
            echo $! > '\(helperFile)'
            echo $$ > '\(pidFile).tmp' && mv '\(pidFile).tmp' '\(pidFile)'
            sleep 30
            touch '\(marker)'
            """)
        let interruption = try RunInterruption()
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, timeout: 120), interruption: interruption)
        let box = ResultBox()
        let thread = Thread { box.set(Result { () throws(AWSCLIFailure) in try runner.run(["iam", "update-access-key"]) }) }
        thread.start()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: pidFile) && Date() < deadline { usleep(10_000) }
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let helper = try #require(Int32(String(contentsOfFile: helperFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!interruption.isInterrupted)

        let asked = Date()
        interruption.interrupt()
        #expect(interruption.isInterrupted)
        let result = try #require(box.wait(seconds: 10), "the call did not return after the interruption")
        #expect(Date().timeIntervalSince(asked) < 2)
        let call = try result.get()
        #expect(call.interrupted && !call.succeeded && call.exitCode == nil)
        #expect(call.failure == .interrupted(started: true))
        // The whole group is gone (the helper is a zombie at most, reparented to init).
        #expect(kill(pid, 0) != 0)
        // SIGKILL is delivered to the group at once, but a loaded machine takes a moment to make the helper a zombie.
        func helperIsGone() -> Bool {
            let stat = (try? String(contentsOfFile: "/proc/\(helper)/stat", encoding: .utf8)) ?? ""
            return stat.isEmpty || stat.split(separator: ")").last?.split(separator: " ").first == "Z"
        }
        #expect(eventually(within: 20, helperIsGone), "the helper survived")
        #expect(!FileManager.default.fileExists(atPath: marker))

        // Once interrupted, nothing more starts.
        try FileManager.default.removeItem(atPath: started)
        #expect(throws: AWSCLIFailure.interrupted(started: false)) { try runner.run(["iam", "update-access-key"]) }
        #expect(!FileManager.default.fileExists(atPath: started))
    }

    /// The death signal follows the thread that started the child; the runner
    /// waits on that thread, so calls from queue workers that come and go finish.
    @Test func callsFromPassingWorkerThreadsAreNotKilledByTheirDeathSignal() throws {
        let fake = try FakeCLI(script: "sleep 0.3; echo '{}'")
        let executorRunner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path))
        let pool = BoundedCallPool<Result<AWSCallResult, AWSCLIFailure>>(limit: 4)
        for index in 0..<12 {
            pool.submit(index) { Result { () throws(AWSCLIFailure) in try executorRunner.run(["sts", "get-caller-identity"]) } }
            if index % 4 == 3 { usleep(400_000) }  // let idle workers end between bursts
        }
        var codes: [Int32?] = []
        while let (_, result) = pool.next() { codes.append(try result.get().exitCode) }
        #expect(codes.count == 12)
        #expect(codes.allSatisfy { $0 == 0 }, "some calls were killed: \(codes)")
    }

    @Test(arguments: [
        ("file:///root/.aws/credentials", "file://"), ("fileb://x", "fileb://"), ("http://169.254.169.254/latest", "http://"),
        ("https://evil.example/x", "https://"), ("FILE://x", "FILE://"), ("File://x", "File://"), ("  file://x", "file://"),
        ("\tHTTPS://x", "HTTPS://"), ("Key=k,Value@=file://x", "file://"), ("Key@ = 'fileb://x'", "fileb://"),
    ])
    func valuesTheCLIWouldExpandAreSeen(value: String, prefix: String) {
        let expansion = CLIValueExpansion.of(value)
        #expect(expansion == .prefix(prefix) || expansion == .shorthandFile(prefix), "\(value): \(String(describing: expansion))")
    }

    @Test(arguments: [
        "i-0123456789abcdef0", "arn:aws:s3:::bucket/file://x", #"{"Value": "file:///etc/passwd"}"#, #"[{"Key": "k", "Value": "https://x"}]"#,
        "x file://y", "Key=k,Value=file://x", "user@example.com", "s3://bucket/key",
    ])
    func valuesTheCLIPassesAsWrittenAreLeftAlone(value: String) {
        #expect(CLIValueExpansion.of(value) == nil, "\(value)")
    }

    @Test func theRunnerNeverStartsTheCLIWithAnArgumentItWouldExpand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-expand-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("argv").path
        let fake = try FakeCLI(script: "printf '%s\\n' \"$*\" >> '\(log)'; echo '{}'")
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, endpointURL: "http://127.0.0.1:5000"))
        let refused: [([String], String)] = [
            (["s3api", "delete-object", "--bucket", "b", "--key", "file://~/.aws/credentials"], "argument 6 (--key) starts with 'file://'"),
            (["s3api", "delete-object", "--bucket", "b", "--key=FileB://x"], "argument 5 (--key) starts with 'FileB://'"),
            (["ec2", "create-tags", "--resources", "i-1", "--tags", "Key=a,Value@=file:///etc/hostname"], "argument 6 (--tags) holds '@=' and 'file://'"),
            (["ec2", "describe-instances", "--instance-ids", " https://x"], "argument 4 (--instance-ids) starts with 'https://'"),
        ]
        for (arguments, reason) in refused {
            do {
                _ = try runner.run(arguments)
                Issue.record("\(arguments) was run")
            } catch {
                #expect(error.description.hasPrefix("not run: \(reason)"), "\(error.description)")
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: log), "the CLI was started")
        // The endpoint Firebreak adds itself, and a query, are not operation arguments the CLI expands.
        let result = try runner.run(["ec2", "describe-instances", "--query", "Reservations[?x=='https://y']"])
        #expect(result.succeeded)
    }
}

/// One result handed from a thread to the test.
private final class ResultBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Result<AWSCallResult, AWSCLIFailure>?

    func set(_ result: Result<AWSCallResult, AWSCLIFailure>) {
        condition.lock()
        value = result
        condition.broadcast()
        condition.unlock()
    }

    func wait(seconds: Double) -> Result<AWSCallResult, AWSCLIFailure>? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while value == nil && condition.wait(until: deadline) {}
        return value
    }
}
