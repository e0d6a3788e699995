import Foundation
import Testing
import FirebreakTestSupport

/// The real console in tmux, typed as a person types: a write says what the store
/// recorded, `Z` zooms the log and back, `S` raises the severity for good.
@Suite("Feedback and zoom in the console, in tmux", .serialized)
struct ScreenFeedbackTmuxTests {
    @Test func aNoteSaysSavedZoomGivesTheLogTheScreenAndSRaisesTheSeverity() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "Leaked key", "--severity", "3")
        let tmux = try TmuxSession(width: 120, height: 32, environment: ConsoleEndToEndTests.environment(fb),
                                   command: ConsoleEndToEndTests.command("console 1"))
        try tmux.waitFor("INC-1 Leaked key", "SEV3")

        try tmux.press("n")
        try tmux.waitFor("Note: ")
        try tmux.type("key seen from 198.51.100.7")
        try tmux.press("Enter")
        try tmux.waitFor("note saved", "alice: note: key seen from 198.51.100.7")

        try tmux.press("4", "Z")
        let zoomed = try tmux.waitFor("Log has the whole screen")
        #expect(!zoomed.contains("2 Resources"))
        try tmux.press("Z")
        try tmux.waitFor("2 Resources", "every pane shown")

        try tmux.press("S")
        try tmux.waitFor("Severity of INC-1 (now SEV3)")
        try tmux.press("1")
        try tmux.waitFor("Why? ")
        try tmux.type("production data reached")
        try tmux.press("Enter")
        try tmux.waitFor("severity changed: SEV3 → SEV1 (critical)", "INC-1 Leaked key  SEV1")

        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        #expect(show["severity"] as? Int == 1)
        #expect(try fb.run("verify").status == 0)
    }
}
