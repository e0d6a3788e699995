import FirebreakTestSupport
import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore
import Testing

/// A run whose process died is judged once (`RunLiveness`): `show`'s action
/// list, its metrics and the report all call it interrupted, never unfinished.
@Suite("A crashed run has one answer")
struct CrashedRunTests {
    @Test func aRunWhoseProcessDiedIsInterruptedInTheListAndInTheMetrics() throws {
        let folder = try TemporaryFolder()
        let firebreak = FirebreakProcess(database: folder.path("firebreak.db"))
        try firebreak.ok("open", "--title", "crash", "--severity", "2")
        try firebreak.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")

        // What a killed firebreak leaves: a start by a process that is gone, and no finish.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let here = RunLiveness.current()
        let store = try SQLiteIncidentStore(path: folder.path("firebreak.db"))
        try store.append(to: IncidentID(rawValue: 1), actor: "alice", at: nil) { _ in
            [.actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.protect", risk: .reversible, resources: ["i-0123456789abcdef0"],
                                                process: RunProcess(host: here.host, pid: gone.processIdentifier, bootID: here.bootID)))]
        }

        let shown = try #require(try firebreak.json("show", "INC-1", "--json") as? [String: Any])
        let runs = try #require(shown["actionRuns"] as? [[String: Any]])
        #expect(runs.map { $0["status"] as? String } == ["interrupted"])
        let actions = try #require((shown["metrics"] as? [String: Any])?["actions"] as? [String: Any])
        #expect(actions["running"] as? Int == 0, "\(actions)")
        #expect(actions["failed"] as? Int == 1, "\(actions)")

        let human = try firebreak.ok("show", "INC-1")
        #expect(!human.contains("unfinished"), "\(human)")
        let report = try firebreak.ok("report", "INC-1")
        #expect(report.contains("ec2.protect") && report.contains(": interrupted"), "\(report)")
        #expect(!report.contains("unfinished"), "\(report)")
    }
}
