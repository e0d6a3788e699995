import Foundation
import Testing
import FirebreakTestSupport

/// Keys typed as a person types them, several in one `send-keys`: the console
/// holds what arrives before the menu it asked for and gives it to that menu.
@Suite("Keys typed ahead of a menu, in tmux", .serialized)
struct TypeAheadTmuxTests {
    /// `a1` in one go: `a` asks for the actions, `1` arrives before they do; the `1` chooses the
    /// first action (its parameter prompt or plan opens) instead of focusing the phase timeline behind a menu.
    @Test func aThenOneTypedTogetherChoosesTheFirstAction() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "typed ahead", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised", "--region", "us-east-1")
        let tmux = try TmuxSession(width: 200, height: 50, environment: ConsoleEndToEndTests.environment(fb, FollowLogsTmuxTests.aws),
                                   command: ConsoleEndToEndTests.command("console INC-1 --endpoint-url http://127.0.0.1:9"))
        try tmux.waitFor("INC-1 typed ahead", "i-0123456789abcdef0")
        try tmux.press("2")
        try tmux.waitFor("actions")                       // the resources pane's footer: it has the keys
        try tmux.type("a1")
        // The first action opens: its plan (`ACTION on RESOURCE`) or its first parameter's prompt (`ACTION: …`).
        // Not "the menu is drawn": under load a frame with the menu open can come before the `1` is read,
        // so only the outcome counts; a `1` that went elsewhere leaves the menu open until the wait fails.
        let screen = try ChecklistRunTmuxTests.waitForAny(tmux, ["Enter save · Esc cancel", " on i-0123456789abcdef0"])
        #expect(!screen.contains("Actions for i-0123456789abcdef0"), "the menu stayed open, the 1 went elsewhere: \(screen)")
        #expect(screen.contains("┏ 2 Resources"), "the focus moved: \(screen)")
        try tmux.press("Escape")
        try ChecklistRunTmuxTests.waitForGone(tmux, "Esc cancel")
        // Nothing ran, and the keys went nowhere else.
        #expect(try !fb.run("events", "INC-1").stdout.contains("action.run-started"))
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }
}
