import Foundation
import Testing
import FirebreakTestSupport

/// Consoles in tmux on a PostgreSQL incident, as a war room spread over machines works it.
@Suite("A war room on a PostgreSQL server, in tmux", .serialized)
struct WarRoomTmuxTests {
    static func environment(url: String, operatorName: String) -> [String: String] {
        ["FIREBREAK_DB": url, "FIREBREAK_OPERATOR": operatorName, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "", "FIREBREAK_THEME": ""]
    }

    static func console(_ url: String, as operatorName: String, _ arguments: String = "console INC-1") throws -> TmuxSession {
        try TmuxSession(width: 160, height: 40, environment: environment(url: url, operatorName: operatorName),
                        command: "'\(FirebreakProcess.binary.path)' \(arguments)")
    }

    static func note(_ text: String, in tmux: TmuxSession) throws {
        try tmux.press("n")
        try tmux.waitFor("Note: ")
        try tmux.type(text)
        try tmux.press("Enter")
    }

    /// Polls until `text` is on the screen, as fast as tmux answers; the moment it was seen.
    static func whenShown(_ text: String, in tmux: TmuxSession, timeout: TimeInterval = 30) throws -> Date {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try tmux.screen().contains(text) { return Date() }
        }
        let last = try tmux.screen()
        throw TmuxFailure("the screen never showed '\(text)'; last screen:\n\(last)")
    }

    /// Two consoles on one incident: each sees the other in its header (presence through the
    /// server), and a note written in one appears in the other through NOTIFY.
    @Test(.timeLimit(.minutes(10)))
    func aChangeInOneConsoleAppearsInTheOtherThroughTheServer() throws {
        let folder = try TemporaryFolder()
        let (_, url) = try PostgresServer.shared().createDatabase()
        var fb = FirebreakProcess(database: folder.path("unused.db"))
        fb.environment["FIREBREAK_DB"] = url
        try fb.ok("open", "--title", "shared war room")
        let alice = try Self.console(url, as: "alice")
        let bob = try Self.console(url, as: "bob")
        try alice.waitFor("also bob", timeout: 30)
        try bob.waitFor("also alice", timeout: 30)
        var latencies: [Double] = []
        for index in 1...6 {
            try Self.note("change \(index) from alice", in: alice)
            let written = try Self.whenShown("alice: note: change \(index) from alice", in: alice)
            let seen = try Self.whenShown("alice: note: change \(index) from alice", in: bob)
            latencies.append(max(0, seen.timeIntervalSince(written)) * 1000)
        }
        let sorted = latencies.sorted()
        // Measured, not asserted (CI machines vary): the target is ≤ 100 ms at p50.
        print("NOTIFY console-to-console latency over \(sorted.count) changes: p50 \(Int(sorted[sorted.count / 2])) ms, max \(Int(sorted.last!)) ms")
        try bob.press("q")
        try bob.waitFor("EXIT:0")
        try alice.waitFor("war room")
        try alice.press("q")
        try alice.waitFor("EXIT:0")
    }

    /// The server stops under a running console and starts again: the header says so meanwhile,
    /// a note written while it is away is refused in one line (and not recorded), and once it is
    /// back the console recovers by itself and the next note goes through.
    @Test(.timeLimit(.minutes(10)))
    func theConsoleRidesOutAServerRestart() throws {
        let server = try PostgresServer.dedicated()
        defer { server.shutDown() }
        let folder = try TemporaryFolder()
        let (_, url) = try server.createDatabase()
        var fb = FirebreakProcess(database: folder.path("unused.db"))
        fb.environment["FIREBREAK_DB"] = url
        try fb.ok("open", "--title", "restart under me")
        let console = try Self.console(url, as: "alice")
        try console.waitFor("INC-1 restart under me")
        #expect(!(try console.screen()).contains("reconnecting"))

        server.stop()
        try console.waitFor("reconnecting…", timeout: 30)
        try Self.note("written while away", in: console)
        let refused = try console.waitFor("cannot connect, nothing was written", timeout: 15)
        #expect(!refused.contains("alice: note: written while away"))

        try server.start()
        let deadline = Date().addingTimeInterval(20)
        while try console.screen().contains("reconnecting…"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!(try console.screen()).contains("reconnecting…"))
        try Self.note("written after the restart", in: console)
        try console.waitFor("alice: note: written after the restart", timeout: 30)
        try console.press("q")
        try console.waitFor("EXIT:0")

        let texts = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
            .compactMap { ($0["payload"] as? [String: Any])?["text"] as? String }
        #expect(texts == ["written after the restart"])
        #expect(try fb.run("verify").status == 0)
    }
}
