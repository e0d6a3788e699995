import AWSEmulator
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import FirebreakTestSupport
#endif

/// `firebreak drill` end to end: the scenarios listed, a drill started without
/// a console (its own moto on a free port), worked through `action run` to
/// containment, scored by `--check`, reported, and its emulator gone when it is killed.
@Suite("firebreak drill", .serialized)
struct DrillTests {
    static var awsEnvironment: [String: String] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "1",
         "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]
    }

    @Test func listDescribesEveryScenario() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        let text = try fb.ok("drill", "--list")
        for id in ["leaked-key-miners", "web-server-exfiltration", "ransomware-kms-snapshots"] { #expect(text.contains(id)) }
        #expect(text.contains("Contained means:"))
        let list = try #require(try fb.json("drill", "--list", "--json") as? [[String: Any]])
        #expect(list.count >= 3)
        #expect(list.filter { $0["default"] as? Bool == true }.count == 1)
        // Listing opens no database.
        #expect(!FileManager.default.fileExists(atPath: folder.path("fb.db")))
    }

    @Test func withoutATerminalTheDrillAsksForNoConsoleAndStartsNothing() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        let result = try fb.run("drill")
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("--no-console"))
        #expect(try fb.run("drill", "no-such-scenario", "--no-console").stderr.contains("no drill scenario"))
    }

    @Test func aDrillIsSeededWorkedToContainmentScoredAndItsEmulatorStops() throws {
        let folder = try TemporaryFolder()
        var fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "trainee")
        fb.environment.merge(Self.awsEnvironment) { $1 }

        let (drill, printed) = try Self.startDrill("web-server-exfiltration", fb)
        defer { if drill.isRunning { kill(drill.processIdentifier, SIGKILL) } }
        let lines = printed.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "drill printed: \(printed)")
        #expect(lines[0] == "INC-1")
        let endpoint = try #require(lines.first { $0.hasPrefix("endpoint ") }.map { String($0.dropFirst("endpoint ".count)) })
        #expect(endpoint.hasPrefix("http://127.0.0.1:"))
        let logPath = try #require(lines.first { $0.hasPrefix("log ") }.map { String($0.dropFirst(4)) })
        #expect(try String(contentsOfFile: logPath, encoding: .utf8).contains("203.0.113.77"))

        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        #expect(show["drill"] as? Bool == true)
        #expect(show["phase"] as? String == "detection")
        let resources = try #require(show["resources"] as? [[String: Any]])
        let instance = try #require(resources.first { $0["kind"] as? String == "ec2-instance" }?["id"] as? String)
        #expect(resources.filter { $0["state"] as? String == "compromised" }.count == 3)
        // The scenario's earliest log line dates the attack: time to detect is measured.
        let metrics = try #require(show["metrics"] as? [String: Any])
        #expect(((metrics["timeToDetect"] as? [String: Any])?["seconds"] as? Double ?? 0) >= 179 * 60)

        // Blocking public access hardens the bucket but does not contain it: nothing is scored for it.
        try fb.ok("action", "run", "INC-1", "s3.block-public-access", "s3://shop-exports-public", "--yes", "--endpoint-url", endpoint)
        let hardened = try #require(try fb.json("drill", "--check", "INC-1", "--json") as? [String: Any])
        #expect(hardened["contained"] as? Int == 0)
        let bucketState = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])["resources"] as? [[String: Any]]
        #expect(bucketState?.first { $0["id"] as? String == "s3://shop-exports-public" }?["state"] as? String == "compromised")

        // Halfway: one resource contained, the check says what was missed, and hints only at actions that contain.
        try fb.ok("action", "run", "INC-1", "ec2.isolate", instance, "--yes", "--endpoint-url", endpoint)
        let partial = try #require(try fb.json("drill", "--check", "INC-1", "--json") as? [String: Any])
        #expect(partial["complete"] as? Bool == false)
        #expect(partial["contained"] as? Int == 1)
        let check = try fb.ok("drill", "--check", "INC-1")
        #expect(check.contains("missed"))
        // s3.contain-bucket contains a bucket (a deny-all-but-responders policy); blocking public access does not.
        #expect(check.contains("hint: s3://shop-exports-public: s3.contain-bucket (firebreak action plan"))
        #expect(!check.contains("s3.block-public-access (firebreak action plan"))

        try fb.ok("action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes", "--endpoint-url", endpoint)
        try fb.ok("resource", "state", "INC-1", "s3://shop-exports-public", "contained", "--reason", "public access blocked, shop-web-role denied")
        let scored = try #require(try fb.json("drill", "--check", "INC-1", "--json") as? [String: Any])
        #expect(scored["complete"] as? Bool == true)
        #expect(scored["contained"] as? Int == 3)
        #expect(scored["scenario"] as? String == "web-server-exfiltration")
        #expect(scored["score"] as? Int == 100)

        let report = try fb.ok("report", "INC-1")
        #expect(report.contains("(DRILL)"))
        #expect(report.contains("ec2.isolate"))

        // Killed, the drill takes its emulator with it.
        let port = try #require(Int(endpoint.split(separator: ":").last!))
        kill(drill.processIdentifier, SIGTERM)
        drill.waitUntilExit()
        var closed = false
        for _ in 0..<50 where !closed {
            closed = !LocalPort.accepts(port)
            if !closed { usleep(100_000) }
        }
        #expect(closed, "the emulator on port \(port) outlived its drill")
    }

    /// The other scenarios, each seeded and worked to containment with the
    /// action a responder would pick for each compromised resource's kind.
    @Test(arguments: ["leaked-key-miners", "ransomware-kms-snapshots"])
    func everyScenarioCanBeWorkedToContainment(_ scenario: String) throws {
        let folder = try TemporaryFolder()
        var fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "trainee")
        fb.environment.merge(Self.awsEnvironment) { $1 }
        let (drill, printed) = try Self.startDrill(scenario, fb)
        defer { if drill.isRunning { kill(drill.processIdentifier, SIGKILL); drill.waitUntilExit() } }
        let endpoint = try #require(printed.split(separator: "\n").first { $0.hasPrefix("endpoint ") }.map { String($0.dropFirst("endpoint ".count)) },
                                    "drill printed: \(printed)")
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let compromised = try #require(show["resources"] as? [[String: Any]]).filter { $0["state"] as? String == "compromised" }
        #expect(compromised.count >= 3)
        let actionFor = ["iam-access-key": "iam.deactivate-key", "iam-user": "iam.deny-all", "ec2-instance": "ec2.isolate", "kms-key": "kms.disable"]
        for resource in compromised {
            let id = try #require(resource["id"] as? String), kind = try #require(resource["kind"] as? String)
            let action = try #require(actionFor[kind], "no action chosen for \(kind)")
            var arguments = ["action", "run", "INC-1", action, id, "--yes", "--endpoint-url", endpoint]
            if action == "kms.disable" {
                let plan = try fb.ok("action", "plan", "INC-1", action, id, "--endpoint-url", endpoint)
                let text = try #require(plan.split(separator: "\n").first { $0.contains("--confirm '") })
                arguments += ["--confirm", String(text.split(separator: "'")[1])]
            }
            let result = try fb.run(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let scored = try #require(try fb.json("drill", "--check", "INC-1", "--json") as? [String: Any])
        #expect(scored["scenario"] as? String == scenario)
        #expect(scored["complete"] as? Bool == true, "\(scored)")
        #expect(scored["contained"] as? Int == compromised.count)
        #expect(try fb.run("verify").status == 0)
    }

    /// `firebreak drill SCENARIO --no-console` running, and what it printed once
    /// seeding was done (INC-1, the endpoint URL, the log path).
    static func startDrill(_ scenario: String, _ fb: FirebreakProcess) throws -> (Process, String) {
        let drill = Process()
        drill.executableURL = FirebreakProcess.binary
        drill.arguments = ["drill", scenario, "--no-console"]
        drill.environment = fb.environment
        let out = Pipe()
        drill.standardOutput = out
        drill.standardError = FileHandle.nullDevice
        drill.standardInput = FileHandle.nullDevice
        try drill.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(120)
        while !printed.contains("\nlog "), drill.isRunning, Date() < deadline {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        return (drill, printed)
    }
}
