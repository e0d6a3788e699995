import Foundation
import Testing

/// What happens when things go wrong: no CLI, a hanging CLI, a step failing
/// half-way, hostile ids, and a secret in the CLI's output.
@Suite("Action failures", .motoServer)
struct ActionFailureTests {
    @Test func aMissingCLIIsOneLineAndRecordsNothing() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        let before = try drill.firebreakOK("events", "INC-1")
        let result = try drill.firebreak("action", "run", "INC-1", "ec2.snapshot", "i-0123456789abcdef0", "--yes", "--aws-cli", "/nonexistent/aws")
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("firebreak: AWS CLI not found"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try drill.firebreakOK("events", "INC-1") == before)
    }

    @Test func aHangingCLIIsKilledAndTheRunRecordedAsTimedOut() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let fake = try FakeCLI(script: "sleep 30")
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        let started = Date()
        let result = try drill.firebreak("action", "run", "INC-1", "ec2.snapshot", "i-0123456789abcdef0", "--yes", "--aws-cli", fake.path, "--timeout", "1")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status != 0)
        #expect(result.stderr.contains("timed-out"))
        let run = try drill.run("run-1")
        #expect(run["status"] as? String == "timed-out")
        let step = try #require((run["steps"] as! [[String: Any]]).first)
        #expect(step["outcome"] as? String == "timed-out")
        #expect(step["exitCode"] is NSNull)
        #expect(try drill.resourceState("i-0123456789abcdef0") == "compromised")
    }

    @Test func aStepFailingMidPlanRecordsExactlyWhatRanAndCanBeUndone() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        // A site action whose second step fails against AWS.
        let actions = drill.folder.appendingPathComponent("config/firebreak/actions")
        try FileManager.default.createDirectory(at: actions, withIntermediateDirectories: true)
        try #"""
        {"id": "site.tag-then-fail", "phase": "containment", "kinds": ["ec2-instance"], "summary": "tag, then fail", "risk": "reversible",
         "steps": [
           {"name": "tag", "argv": ["ec2", "create-tags", "--resources", "{resource}", "--tags", {"json": [{"Key": "hold", "Value": "{incident}"}]}]},
           {"name": "fail", "argv": ["ec2", "describe-security-groups", "--group-ids", "sg-00000000"]},
           {"name": "never", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]}],
         "undo": [{"name": "untag", "argv": ["ec2", "delete-tags", "--resources", "{resource}", "--tags", {"json": [{"Key": "hold"}]}]}]}
        """#.write(to: actions.appendingPathComponent("site.json"), atomically: true, encoding: .utf8)
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")

        let result = try drill.firebreak("action", "run", "INC-1", "site.tag-then-fail", instance, "--yes")
        #expect(result.status != 0)
        #expect(result.stderr.contains("run-1 failed"))
        #expect(result.stderr.contains("InvalidGroup.NotFound"))
        let run = try drill.run("run-1")
        #expect((run["steps"] as! [[String: Any]]).map { $0["step"] as! String } == ["tag", "fail"])
        #expect(try drill.aws("ec2", "describe-instances", "--instance-ids", instance, "--query", "Reservations[0].Instances[0].State.Name") == "running")
        #expect(try drill.aws("ec2", "describe-tags", "--filters", "Name=resource-id,Values=\(instance)", "Name=key,Values=hold", "--query", "Tags[0].Value") == "INC-1")
        #expect(try drill.resourceState(instance) == "compromised")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("ec2", "describe-tags", "--filters", "Name=resource-id,Values=\(instance)", "Name=key,Values=hold", "--query", "length(Tags)") == "0")
    }

    /// A run its requirement refused changed nothing: its undo says so (it
    /// used to fail planning the undo with `no value for {…}`).
    @Test func aRunRefusedByARequirementHasNothingToUndo() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (instance, _) = try drill.seedInstance()
        try drill.firebreakOK("resource", "add", "INC-1", instance, "--state", "compromised")
        // ec2.stop requires a snapshot taken since the incident opened: none was.
        let refused = try drill.firebreak("action", "run", "INC-1", "ec2.stop", instance, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("no completed snapshot"), "\(refused.stderr)")
        let before = try drill.firebreakOK("events", "INC-1")
        let undo = try drill.firebreak("action", "undo", "INC-1", "run-1", "--yes")
        #expect(undo.status != 0)
        let lines = undo.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("nothing to undo: run-1 (ec2.stop) made no change"), "\(undo.stderr)")
        #expect(!undo.stderr.contains("no value for"))
        #expect(try drill.firebreakOK("events", "INC-1") == before)
    }

    @Test func hostileIdsAndValuesAreRefusedBeforeAnyCall() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let marker = drill.folder.appendingPathComponent("called").path
        let fake = try FakeCLI(script: "touch \(marker)")
        try drill.firebreakOK("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        for hostile in ["i-1;rm -rf /", "$(touch x)", "--endpoint-url=http://evil.example"] {
            let added = try drill.firebreak("resource", "add", "INC-1", "--", hostile)
            #expect(added.status != 0, "\(hostile) was added")
            let run = try drill.firebreak("action", "run", "INC-1", "ec2.stop", "--yes", "--aws-cli", fake.path, "--", hostile)
            #expect(run.status != 0, "\(hostile) was run")
        }
        let badParameter = try drill.firebreak("action", "run", "INC-1", "ec2.isolate", "i-0123456789abcdef0", "--yes", "--aws-cli", fake.path,
                                               "--param", "management-cidr=$(touch x)")
        #expect(badParameter.status != 0 && badParameter.stderr.contains("management-cidr"))
        let flagParameter = try drill.firebreak("action", "run", "INC-1", "ec2.isolate", "i-0123456789abcdef0", "--yes", "--aws-cli", fake.path,
                                                "--param", "management-port=--endpoint-url=http://evil")
        #expect(flagParameter.status != 0)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect((try drill.incident()["actionRuns"] as! [Any]).isEmpty)
    }

    @Test func aSecretFromTheCLINeverReachesTheDatabase() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "minted-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        // A site action that mints a key; the wrapper keeps the raw output so the test knows the secret.
        let actions = drill.folder.appendingPathComponent("config/firebreak/actions")
        try FileManager.default.createDirectory(at: actions, withIntermediateDirectories: true)
        try #"""
        {"id": "site.mint-key", "phase": "recovery", "kinds": ["iam-user"], "summary": "new key", "risk": "additive",
         "steps": [{"name": "create", "capture": "key", "argv": ["iam", "create-access-key", "--user-name", "{resource}"]}]}
        """#.write(to: actions.appendingPathComponent("mint.json"), atomically: true, encoding: .utf8)
        let raw = drill.folder.appendingPathComponent("raw.json").path
        let wrapper = try FakeCLI(script: "\"\(try #require(Drill.awsPath))\" \"$@\" > \(raw); status=$?; cat \(raw); exit $status")
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user")
        try drill.firebreakOK("action", "run", "INC-1", "site.mint-key", user, "--yes", "--aws-cli", wrapper.path)

        let output = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: raw))) as! [String: Any]
        let secret = try #require((output["AccessKey"] as? [String: Any])?["SecretAccessKey"] as? String)
        #expect(secret.count >= 20)
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            bytes += (try? Data(contentsOf: URL(fileURLWithPath: drill.database + suffix))) ?? Data()
        }
        #expect(bytes.range(of: Data(secret.utf8)) == nil, "the secret access key is in the database")
        let shown = try drill.firebreakOK("show", "INC-1", "--json") + (try drill.firebreakOK("events", "INC-1", "--json"))
        #expect(!shown.contains(secret))
        #expect(shown.contains("[REDACTED]"))
    }
}
