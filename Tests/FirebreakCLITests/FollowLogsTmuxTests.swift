import Foundation
@testable import FirebreakCLI
import Testing
import FirebreakTestSupport

/// The real binary in tmux following a CloudWatch Logs group in moto (the
/// real `aws` CLI underneath): a line put into the group appears in the log
/// pane, is kept, and shows again in the replay; and a drill's attacker log
/// file is in its console's log pane from the first line.
@Suite("Followed logs in the console, in tmux", .serialized)
struct FollowLogsTmuxTests {
    static let aws = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                      "AWS_MAX_ATTEMPTS": "1", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]

    @Test func aLinePutIntoAFollowedGroupAppearsIsKeptAndReplays() throws {
        let folder = try TemporaryFolder()
        let fixture = try FollowLogsTests.LogGroupFixture()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        _ = try fb.ok("open", "--title", "followed group")
        _ = try fb.ok("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--state", "compromised")
        let environment = ConsoleEndToEndTests.environment(fb, Self.aws)
        let tmux = try TmuxSession(width: 220, height: 40, environment: environment, command: ConsoleEndToEndTests.command(
            "console INC-1 --follow-logs \(fixture.group) --poll-seconds 0.5 --endpoint-url \(fixture.emulator.endpoint)"))
        try tmux.waitFor("\(fixture.group): following")
        try fixture.put(["ConsoleLogin failure for AKIAIOSFODNN7EXAMPLE from 203.0.113.9"])
        let screen = try tmux.waitFor("] ConsoleLogin failure for AKIA", timeout: 10)
        #expect(!screen.contains("error:"))
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")

        // The replay's end shows the kept line beside the incident's events.
        let replay = try TmuxSession(width: 220, height: 40, environment: environment, command: ConsoleEndToEndTests.command("replay INC-1"))
        try replay.waitFor("REPLAY")
        try replay.press("$")
        try replay.waitFor("] ConsoleLogin failure for AKIA")
        try replay.press("q")
        try replay.waitFor("EXIT:0")
    }

    @Test func theDrillsAttackerLogIsInItsConsoleFromTheFirstLine() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "trainee")
        let tmux = try TmuxSession(width: 250, height: 50, environment: ConsoleEndToEndTests.environment(fb, Self.aws),
                                   command: ConsoleEndToEndTests.command("drill web-server-exfiltration"))
        // The scenario's first log line (written before the console opened) and its last.
        // The file can be read before the incident is: wait for both, so what follows tests the pane, not a race.
        try tmux.waitFor("nginx: 203.0.113.77 \"POST /admin/upload.php", "DRILL: Web server compromised", timeout: 120)
        // The incident's own events may arrive after the file's lines and push them
        // out of view: filter the pane to the last line rather than hope it is on screen.
        try tmux.press("4")
        try tmux.press("/")
        try tmux.type("vpc-flow")
        try tmux.press("Enter")
        try tmux.waitFor("/vpc-flow · ", "vpc-flow: i-", "drill-1-web-server-exfiltration.log: following")
        try tmux.press("q")
        try tmux.waitFor("Quit the drill?")               // quitting stops the emulator: it asks
        try tmux.press("y")
        try tmux.waitFor("EXIT:0", timeout: 20)
    }
}
