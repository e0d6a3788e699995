import FirebreakTestSupport
import Foundation
import Testing

/// Evidence before isolation: `ec2.capture-memory` (Run Command, waited for
/// until its invocation ends) and `ec2.capture-console` (console output and
/// screenshot kept whole with their SHA-256), through the real binary and CLI
/// against moto; where moto answers at once (get-command-invocation) or not at
/// all (get-console-screenshot), recorded real-format responses through the
/// same definition, query and executor.
@Suite("Evidence actions against moto", .motoServer)
struct EvidenceActionsTests {
    static let defaultCapture = "avml --compress /var/tmp/firebreak-memory.lime && sha256sum /var/tmp/firebreak-memory.lime"

    @Test func captureMemorySendsTheCaptureCommandAndWaitsForItsInvocation() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.capture-memory", instance, "--param", "evidence-bucket=forensics-evidence")
        #expect(plan.contains("aws ssm send-command --document-name AWS-RunShellScript --instance-ids \(instance)"))
        #expect(plan.contains("asked every 5 s until Status is Success, Failed, Cancelled, TimedOut, for at most 7500 s"))
        #expect(plan.contains("Run it before ec2.isolate"))

        try drill.firebreakOK("action", "run", "INC-1", "ec2.capture-memory", instance, "--yes", "--param", "evidence-bucket=forensics-evidence")
        let recorded = try drill.recorded("run-1", instance)
        let commandID = try #require(recorded["command-id"] as? String)
        #expect((recorded["capture"] as? [String: Any])?["Status"] as? String == "Success")

        // What Systems Manager holds: the document, the exact script, the bucket and prefix, this instance.
        let sent = try #require(try awsJSON(drill, "ssm", "list-commands", "--command-id", commandID, "--query", "Commands[0]") as? [String: Any])
        #expect(sent["DocumentName"] as? String == "AWS-RunShellScript")
        let parameters = sent["Parameters"] as? [String: [String]]
        #expect(parameters?["commands"] == ["set -eu", Self.defaultCapture])
        #expect(parameters?["executionTimeout"] == ["3600"])
        #expect(sent["OutputS3BucketName"] as? String == "forensics-evidence")
        #expect(sent["OutputS3KeyPrefix"] as? String == "firebreak/memory")
        // moto adds every instance of the region to --instance-ids; AWS targets exactly the one given.
        #expect((sent["InstanceIds"] as? [String])?.contains(instance) == true)

        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step"] as! String } == ["record-instance", "send-capture-to-bucket", "wait-for-capture"])
        // Evidence is not containment: the instance keeps its state.
        #expect(try drill.resourceState(instance) == "compromised")
    }

    @Test func captureMemoryAsksAgainWhileTheInvocationRunsAndRecordsEachStatus() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try RecordedResponsesCLI(["ssm get-command-invocation": [
            .error(code: "InvocationDoesNotExist", operation: "GetCommandInvocation", message: ""),
            RecordedResponsesCLI.fixture("ssm-get-command-invocation-inprogress.json"),
            RecordedResponsesCLI.fixture("ssm-get-command-invocation-success.json"),
        ]])
        try drill.firebreakOK("action", "run", "INC-1", "ec2.capture-memory", instance, "--yes", "--aws-cli", cli.path,
                              "--param", "evidence-bucket=forensics-evidence")

        let steps = (try drill.run("run-1")["steps"] as! [[String: Any]]).filter { $0["step"] as? String == "wait-for-capture" }
        #expect(steps.count == 3)
        #expect(steps.allSatisfy { $0["outcome"] as? String == "succeeded" })
        #expect((steps[0]["stderr"] as? String)?.contains("InvocationDoesNotExist") == true)
        #expect((steps[1]["stdout"] as? String)?.contains("\"InProgress\"") == true)
        #expect((steps[2]["stdout"] as? String)?.contains("\"Success\"") == true)
        // Each question named the command moto's send-command gave.
        let recorded = try drill.recorded("run-1", instance)
        let commandID = try #require(recorded["command-id"] as? String)
        let asked = cli.calls("ssm get-command-invocation")
        #expect(asked.count == 3)
        #expect(asked.allSatisfy { $0.contains(commandID) && $0.contains(instance) })
        // Only the last answer is captured: the status and where the output went.
        let capture = try #require(recorded["capture"] as? [String: Any])
        #expect(capture["Status"] as? String == "Success")
        #expect((capture["StandardOutputUrl"] as? String)?.contains("forensics-evidence/firebreak/memory/") == true)
        #expect((capture["StandardOutputContent"] as? String)?.contains("/var/tmp/firebreak-memory.lime") == true)
    }

    @Test func aCaptureThatEndsFailedFailsTheRunWithOneLineNamingTheStatus() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try RecordedResponsesCLI(["ssm get-command-invocation": [
            RecordedResponsesCLI.fixture("ssm-get-command-invocation-inprogress.json"),
            RecordedResponsesCLI.fixture("ssm-get-command-invocation-failed.json"),
        ]])
        let result = try drill.firebreak("action", "run", "INC-1", "ec2.capture-memory", instance, "--yes", "--aws-cli", cli.path)
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("run-1 failed") == true)
        #expect(lines.first?.contains("wait-for-capture: Status ended Failed, not Success") == true)
        let run = try drill.run("run-1")
        #expect(run["status"] as? String == "failed")
        let waits = (run["steps"] as! [[String: Any]]).filter { $0["step"] as? String == "wait-for-capture" }
        #expect(waits.map { $0["outcome"] as! String } == ["succeeded", "failed"])
        #expect(cli.calls("ssm get-command-invocation").count == 2)
    }

    @Test func aWaitGivesUpAtItsDeadlineSayingTheLastStatus() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let actions = drill.folder.appendingPathComponent("config/firebreak/actions")
        try FileManager.default.createDirectory(at: actions, withIntermediateDirectories: true)
        try #"""
        {"id": "site.wait-briefly", "phase": "containment", "kinds": ["ec2-instance"], "summary": "send, then wait a second", "risk": "additive",
         "steps": [
           {"name": "send", "capture": "command-id",
            "argv": ["ssm", "send-command", "--document-name", "AWS-RunShellScript", "--instance-ids", "{resource}",
                     "--parameters", {"json": {"commands": ["true"]}}, "--query", "Command.CommandId"]},
           {"name": "wait", "until": {"field": "Status", "in": ["Success", "Failed"], "success": ["Success"]}, "every": 0.2, "within": 1,
            "argv": ["ssm", "get-command-invocation", "--command-id", "{command-id}", "--instance-id", "{resource}", "--query", "{Status: Status}"]}]}
        """#.write(to: actions.appendingPathComponent("site.json"), atomically: true, encoding: .utf8)
        let cli = try RecordedResponsesCLI(["ssm get-command-invocation": [RecordedResponsesCLI.fixture("ssm-get-command-invocation-inprogress.json")]])
        let started = Date()
        let result = try drill.firebreak("action", "run", "INC-1", "site.wait-briefly", instance, "--yes", "--aws-cli", cli.path)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status != 0)
        #expect(result.stderr.contains("wait: Status still InProgress after"))
        #expect(result.stderr.contains("gave up waiting (at most 1 s)"))
        let waits = (try drill.run("run-1")["steps"] as! [[String: Any]]).filter { $0["step"] as? String == "wait" }
        #expect(waits.count >= 2)
        #expect(waits.count == cli.calls("ssm get-command-invocation").count)
        #expect(waits.last?["outcome"] as? String == "failed")
    }

    @Test func aSignalDuringTheWaitEndsItAtOnceAndRecordsTheRunInterrupted() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try RecordedResponsesCLI(["ssm get-command-invocation": [RecordedResponsesCLI.fixture("ssm-get-command-invocation-inprogress.json")]])
        let process = Process()
        process.executableURL = Drill.binary
        process.arguments = ["action", "run", "INC-1", "ec2.capture-memory", instance, "--yes", "--aws-cli", cli.path]
        process.environment = drill.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // The first answer (InProgress) is in: the run now pauses 5 s before asking again.
        #expect(eventually(within: 60) { !cli.calls("ssm get-command-invocation").isEmpty || !process.isRunning })
        Thread.sleep(forTimeInterval: 0.5)
        let signalled = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(signalled) < 4, "the pause outlived the signal")
        #expect(process.terminationStatus == 128 + SIGINT)
        #expect(try drill.run("run-1")["status"] as? String == "interrupted")
        #expect(cli.calls("ssm get-command-invocation").count == 1)
    }

    @Test func captureConsoleKeepsTheOutputAndTheScreenshotWholeWithTheirSHA256() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        let cli = try RecordedResponsesCLI(["ec2 get-console-screenshot": [RecordedResponsesCLI.fixture("ec2-get-console-screenshot.json")]])
        try drill.firebreakOK("action", "run", "INC-1", "ec2.capture-console", instance, "--yes", "--aws-cli", cli.path)

        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step"] as! String } == ["console-output-latest", "console-screenshot"])
        // The console log as the CLI decodes it, read back from moto through the real CLI.
        let log = try #require(try awsJSON(drill, "ec2", "get-console-output", "--instance-id", instance, "--latest", "--query", "Output") as? String)
        let logBody = try #require(steps[0]["stdoutBody"] as? [String: Any])
        #expect(steps[0]["evidence"] as? Bool == true)
        let logHash = try sha256(Data(log.utf8))
        #expect(logBody["sha256"] as? String == logHash)
        #expect(try bodyBytes(drill, logBody["sha256"] as! String) == Data(log.utf8))
        // The screenshot: the JPEG's own bytes and hash, not its base64.
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: RecordedResponsesCLI.fixtures.appendingPathComponent("ec2-get-console-screenshot.json"))) as! [String: Any]
        let jpeg = try #require(Data(base64Encoded: fixture["ImageData"] as! String))
        let shotBody = try #require(steps[1]["stdoutBody"] as? [String: Any])
        let jpegHash = try sha256(jpeg)
        #expect(shotBody["sha256"] as? String == jpegHash)
        #expect(shotBody["bytes"] as? Int == jpeg.count)
        #expect(try bodyBytes(drill, shotBody["sha256"] as! String) == jpeg)
        #expect((steps[1]["stdout"] as? String)?.contains("SHA-256 \(jpegHash)") == true)
        // The record names both hashes; the evidence itself is not copied into the run's captures.
        let recorded = try drill.recorded("run-1", instance)
        #expect(recorded["console-latest"] as? String == logBody["sha256"] as? String)
        #expect(recorded["screenshot"] as? String == shotBody["sha256"] as? String)
        #expect(try drill.resourceState(instance) == "compromised")
        #expect(try drill.firebreak("verify").status == 0)
        // The report names each piece of evidence by its hash.
        let report = try drill.firebreakOK("report", "INC-1", "--format", "markdown")
        #expect(report.contains("run-1 ec2.capture-console console-screenshot on \(instance): \(jpeg.count) bytes kept whole; SHA-256 `\(jpegHash)`"))
        #expect(report.contains("SHA-256 `\(logHash)`"))
    }

    @Test func aLongConsoleLogIsKeptWholeAndAScreenshotAWSRefusesIsRecordedAndPassed() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        // 64 KiB, the most AWS keeps, far past the 8 KiB a step's event carries.
        var text = ""
        var line = 0
        while text.utf8.count < 65_536 { text += String(format: "[%8.6f] systemd[1]: boot line %05d of the console\n", Double(line) / 1000, line); line += 1 }
        text = String(text.utf8.prefix(65_536))!
        let response = drill.folder.appendingPathComponent("console-output.json")
        try JSONSerialization.data(withJSONObject: ["InstanceId": instance, "Timestamp": "2026-11-30T21:14:03.000Z", "Output": text]).write(to: response)
        let cli = try RecordedResponsesCLI([
            "ec2 get-console-output": [
                .error(code: "UnsupportedOperation", operation: "GetConsoleOutput", message: "The latest console output is only available on Nitro instances."),
                .file(response.path),
            ],
            "ec2 get-console-screenshot": [
                .error(code: "UnsupportedOperation", operation: "GetConsoleScreenshot", message: "This instance type does not support screenshots."),
            ],
        ])
        try drill.firebreakOK("action", "run", "INC-1", "ec2.capture-console", instance, "--yes", "--aws-cli", cli.path)

        let steps = try drill.run("run-1")["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step"] as! String } == ["console-output-latest", "console-output", "console-screenshot"])
        #expect(cli.calls("ec2 get-console-output").map { $0.contains("--latest") } == [true, false])
        let body = try #require(steps[1]["stdoutBody"] as? [String: Any])
        #expect(body["bytes"] as? Int == 65_536)
        #expect(try bodyBytes(drill, body["sha256"] as! String) == Data(text.utf8))
        #expect((steps[2]["stderr"] as? String)?.contains("UnsupportedOperation") == true)
        #expect(steps[2]["stdoutBody"] is NSNull)
        let recorded = try drill.recorded("run-1", instance)
        #expect(recorded["console"] as? String == body["sha256"] as? String)
        #expect(recorded["screenshot"] is NSNull)
    }

    // MARK: - helpers

    /// A real `aws` call against moto, its JSON output parsed.
    func awsJSON(_ drill: Drill, _ arguments: String...) throws -> Any {
        let result = try TestAWSCLI.run(arguments + ["--output", "json"], environment: drill.server.environment)
        try #require(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// `firebreak body SHA256` to a file: the bytes as kept.
    func bodyBytes(_ drill: Drill, _ sha256: String) throws -> Data {
        let out = drill.folder.appendingPathComponent("body-\(sha256.prefix(12))")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let process = Process()
        process.executableURL = Drill.binary
        process.arguments = ["body", sha256]
        process.environment = drill.environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try Data(contentsOf: out)
    }

    /// SHA-256 by coreutils, a second implementation beside Firebreak's own.
    func sha256(_ data: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fb-sha-\(UUID().uuidString)")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Drill.run("/usr/bin/env", ["sha256sum", file.path], environment: ProcessInfo.processInfo.environment)
        return String(result.stdout.prefix(64))
    }
}
