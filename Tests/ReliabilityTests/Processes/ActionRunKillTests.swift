import Foundation
import Testing

/// SIGKILL in the middle of an action run, against moto with a slow step:
/// the steps that ran are recorded, nothing that did not run is, the run is
/// never shown as succeeded, and the chain verifies.
@Suite("Crash: SIGKILL during an action run", .serialized)
struct ActionRunKillTests {
    @Test(.timeLimit(.minutes(10)))
    func aKilledRunKeepsTheStepsThatRanAndIsNotSucceeded() throws {
        let moto = try Moto()
        defer { withExtendedLifetime(moto) {} }
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        var fb = Firebreak(database: folder.path("firebreak.db"))
        fb.environment = moto.environment(base: fb.environment)
        let instance = try moto.aws("ec2", "run-instances", "--image-id", "ami-12345678", "--instance-type", "t2.micro",
                                    "--query", "Instances[0].InstanceId", "--output", "text", base: fb.environment)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try fb.ok("open", "--title", "kill mid-run", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", instance, "--state", "compromised")

        // The real aws, except that the tagging call hangs until it is killed.
        let calls = folder.path("calls.log"), hung = folder.path("hung.pid")
        let slowAWS = try folder.script("slow-aws", """
            printf '%s\\n' "$*" >> '\(calls)'
            case "$*" in *create-tags*) echo $$ > '\(hung)'; exec sleep 120;; esac
            exec aws "$@"
            """)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Firebreak.binary)
        process.arguments = ["action", "run", "INC-1", "ec2.protect", instance, "--yes", "--aws-cli", slowAWS]
        process.environment = fb.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: hung) && Date() < deadline && process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: hung), "the tagging step never started")
        kill(process.processIdentifier, SIGKILL)
        // The hung call dies with firebreak (the runner starts it with a death signal).
        if let pid = Int32((try? String(contentsOfFile: hung, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") {
            let gone = Date().addingTimeInterval(5)
            while !(kill(pid, 0) != 0 && errno == ESRCH) && Date() < gone { usleep(10_000) }
            #expect(kill(pid, 0) != 0 && errno == ESRCH, "the hung aws call outlived a killed firebreak")
            kill(-pid, SIGKILL)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let ran = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n")
        let finishedCalls = ran.filter { !$0.contains("create-tags") }
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let runs = try #require(show["actionRuns"] as? [[String: Any]])
        let run = try #require(runs.first, "the interrupted run is missing")
        let steps = try #require(run["steps"] as? [[String: Any]])
        // Exactly the calls that returned are recorded, in order; the hung one is not.
        #expect(steps.count == finishedCalls.count, "recorded \(steps.map { $0["step"] ?? "" }), ran \(ran)")
        #expect(!steps.contains { ($0["argv"] as? [String])?.contains("create-tags") == true })
        #expect(steps.map { $0["step"] as? String } == ["record-protection", "protect"])
        #expect(run["status"] as? String != "succeeded")
        #expect(run["finishedAt"] == nil || run["finishedAt"] is NSNull)
        let resources = try #require(show["resources"] as? [[String: Any]])
        #expect(resources.first?["state"] as? String == "compromised", "a run that did not finish must not contain the resource")
        #expect(try fb.run("verify").status == 0)

        // Shown as interrupted at once (its process is gone), and recorded so by the next run.
        #expect(run["status"] as? String == "interrupted")
        _ = try fb.run("action", "run", "INC-1", "ec2.protect", instance, "--yes", "--dry-run", "--aws-cli", "/bin/false")
        let after = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let recorded = try #require((after["actionRuns"] as? [[String: Any]])?.first)
        #expect(recorded["status"] as? String == "interrupted")
        #expect((recorded["error"] as? String)?.contains("ended after 2 recorded steps") == true, "\(recorded["error"] ?? "")")
        #expect(recorded["finishedAt"] is String)
        #expect(try fb.run("verify").status == 0)
        SoakBudget.report("kills: SIGKILL during an action run survived: \(steps.count) steps recorded of \(ran.count) calls started, run not succeeded, chain intact")
    }
}
