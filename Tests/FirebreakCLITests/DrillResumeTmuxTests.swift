import Foundation
import Testing
import FirebreakTestSupport

/// A drill left with `q` and resumed: quitting asks first (it stops the emulator) and says how to come
/// back; `firebreak drill --resume INC-1` starts a new emulator with the scenario seeded again, the same
/// ids, records its endpoint on the incident and reopens the console on it.
@Suite("A drill quit and resumed, in tmux", .serialized)
struct DrillResumeTmuxTests {
    @Test func aDrillLeftWithQIsResumedWithTheSameResources() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "trainee")
        let environment = ConsoleEndToEndTests.environment(fb, FollowLogsTmuxTests.aws)
        let drill = try TmuxSession(width: 200, height: 50, environment: environment, command: ConsoleEndToEndTests.command("drill web-server-exfiltration"))
        try drill.waitFor("nginx: 203.0.113.77", timeout: 120)
        try drill.press("q")
        try drill.waitFor("Quit the drill?", "firebreak drill --resume INC-1")
        try drill.press("n")                              // a stray q: nothing ends
        try ChecklistRunTmuxTests.waitForGone(drill, "Quit the drill?")
        try drill.press("q")
        try drill.waitFor("Quit the drill?")
        try drill.press("y")
        try drill.waitFor("Resume it with: firebreak drill --resume INC-1", "EXIT:0", timeout: 20)

        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let resources = try #require(show["resources"] as? [[String: Any]])
        let instance = try #require(resources.first { $0["kind"] as? String == "ec2-instance" }?["id"] as? String)

        let resumed = try TmuxSession(width: 200, height: 50, environment: environment, command: ConsoleEndToEndTests.command("drill --resume INC-1"))
        try resumed.waitFor("INC-1", "drill resumed: its emulator at http://127.0.0.1:", timeout: 120)
        // The new endpoint is the incident's now, and the scenario seeded again holds the instance it records.
        let events = try fb.run("events", "INC-1").stdout
        let endpoint = try #require(events.split(separator: "\n").last { $0.contains("drill resumed: its emulator at") }
            .flatMap { line in line.range(of: "http://127.0.0.1:[0-9]+", options: .regularExpression).map { String(line[$0]) } })
        let describe = try Self.aws(["ec2", "describe-instances", "--instance-ids", instance, "--endpoint-url", endpoint, "--region", "us-east-1",
                                     "--query", "Reservations[0].Instances[0].InstanceId", "--output", "text"])
        #expect(describe.trimmingCharacters(in: .whitespacesAndNewlines) == instance)
        try resumed.press("q")
        try resumed.waitFor("Quit the drill?")
        try resumed.press("y")
        try resumed.waitFor("EXIT:0", timeout: 20)
        // Resuming a drill whose emulator is gone again works; one that is not a drill is refused in one line.
        try fb.ok("open", "--title", "real")
        let refused = try fb.run("drill", "--resume", "INC-2")
        #expect(refused.status != 0 && refused.stderr.contains("INC-2 is not a drill"))
    }

    /// The AWS CLI with the emulator's dummy credentials; its stdout.
    static func aws(_ arguments: [String]) throws -> String {
        try TestAWSCLI.run(arguments, environment: ProcessInfo.processInfo.environment.merging(FollowLogsTmuxTests.aws) { $1 }).stdout
    }
}
