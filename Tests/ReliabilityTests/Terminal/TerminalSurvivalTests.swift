import FirebreakTestSupport
import Foundation
import Testing

/// The console in a real terminal (tmux), stopped every way a terminal
/// program gets stopped: afterwards the terminal is usable — cooked mode,
/// echo, the normal screen, a visible cursor, no mouse reporting — and the
/// next program's output is not drawn over a half-finished console.
@Suite("The terminal survives", .serialized)
struct TerminalSurvivalTests {
    /// The pane's terminal modes that matter, read from tmux itself.
    static func modes(_ tmux: Tmux) throws -> String {
        try tmux.tmux(["display-message", "-p", "-t", tmux.target,
                       "alternate=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag} keypad=#{keypad_cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// After the console: its exit status, then `stty`'s view of the line discipline.
    static let afterwards = "; echo CODE:$?; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(echo|icanon|isig|icrnl|opost)' | tr '\\n' ' '; echo STTY-END"

    static func start(_ title: String) throws -> (ScratchFolder, Firebreak, Tmux) {
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("firebreak.db"))
        try fb.ok("open", "--title", title)
        // After a crash signal the Swift runtime prints a backtrace on the
        // restored terminal; on a tty it would then wait 30 s for a person to
        // debug. Tests do not wait.
        var environment = Tmux.environment(fb)
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        let tmux = try Tmux(environment: environment, command: Tmux.firebreak("console INC-1") + afterwards)
        try tmux.waitFor("INC-1 \(title)")
        // The console really owns the terminal now: alternate screen, hidden cursor.
        #expect(try modes(tmux).hasPrefix("alternate=1 cursor=0"))
        return (folder, fb, tmux)
    }

    static func expectRestored(_ tmux: Tmux, title: String, code: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // After a crash signal the Swift runtime prints a backtrace on the
        // (already restored) terminal and, on a tty, offers to debug it: a
        // person presses a key to go on.
        let deadline = Date().addingTimeInterval(20)
        var screen = try tmux.screen()
        while !screen.contains("STTY-END") && Date() < deadline {
            if screen.contains("Press space to interact") { try tmux.press("q") }
            Thread.sleep(forTimeInterval: 0.1)
            screen = try tmux.screen()
        }
        #expect(screen.contains("STTY-END"), "the shell never got its terminal back:\n\(screen)", sourceLocation: sourceLocation)
        #expect(screen.contains("CODE:\(code)"), "\(screen)", sourceLocation: sourceLocation)
        let stty = screen.split(separator: "\n").first { $0.contains("STTY-END") } ?? ""
        for mode in ["echo", "icanon", "isig", "icrnl", "opost"] {
            #expect(stty.split(separator: " ").contains(Substring(mode)), "\(mode) not restored: \(stty)", sourceLocation: sourceLocation)
        }
        #expect(!screen.contains("INC-1 \(title)"), "the console is still drawn:\n\(screen)", sourceLocation: sourceLocation)
        #expect(try modes(tmux) == "alternate=0 cursor=1 mouse=0 keypad=0", sourceLocation: sourceLocation)
    }

    @Test(arguments: [("SIGINT", SIGINT, "130"), ("SIGTERM", SIGTERM, "143"), ("SIGHUP", SIGHUP, "129"),
                      ("SIGSEGV (a crash)", SIGSEGV, "139"), ("SIGABRT (a Swift trap)", SIGABRT, "134")])
    func aSignalRestoresTheTerminal(name: String, signal: Int32, code: String) throws {
        let (folder, _, tmux) = try Self.start("signal \(signal)")
        defer { withExtendedLifetime(folder) {} }
        let pid = try tmux.programPID()
        kill(pid, signal)
        try Self.expectRestored(tmux, title: "signal \(signal)", code: code)
        SoakBudget.report("terminal: \(name) restored the terminal")
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() throws {
        let (folder, _, tmux) = try Self.start("ctrl-c")
        defer { withExtendedLifetime(folder) {} }
        try tmux.press("C-c")
        try Self.expectRestored(tmux, title: "ctrl-c", code: "0")
    }

    /// The pane killed under it (its terminal gone): the console must exit,
    /// not spin on a dead terminal.
    @Test func aKilledPaneEndsTheConsole() throws {
        let (folder, fb, tmux) = try Self.start("pane killed")
        defer { withExtendedLifetime(folder) {} }
        let pid = try tmux.programPID()
        let shell = Int32(try tmux.tmux(["display-message", "-p", "-t", tmux.target, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        // The pane's shell, with SIGHUP blocked like the console, outlives its
        // pane (tmux forgets it, so `stop` cannot find it): end it here.
        defer { if shell > 1 { kill(-shell, SIGKILL) } }
        try tmux.tmux(["kill-pane", "-t", tmux.target], capture: false)
        let deadline = Date().addingTimeInterval(10)
        func alive() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            // A zombie is dead; only its parent has not collected it yet.
            return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
        }
        while alive() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let state = alive() ? ((try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? "")
            .split(separator: "\n").filter { $0.hasPrefix("State") || $0.hasPrefix("Sig") || $0.hasPrefix("Shd") }.joined(separator: "; ") : ""
        #expect(!alive(), "the console kept running after its terminal went away: \(state)")
        if alive() { kill(pid, SIGKILL) }
        #expect(try fb.run("verify").status == 0)
        SoakBudget.report("terminal: a killed tmux pane (terminal hung up) ended the console within a second")
    }

    /// 1,000 resizes in a few seconds, then the console still takes keys and writes.
    @Test(.timeLimit(.minutes(10)))
    func aResizeStormLeavesTheConsoleWorking() throws {
        let (folder, fb, tmux) = try Self.start("storm")
        defer { withExtendedLifetime(folder) {} }
        let sizes = [(40, 12), (1, 1), (200, 60), (20, 5), (80, 24), (2, 2), (31, 9), (60, 30), (1, 40), (120, 1), (133, 47), (9, 3)]
        let started = Date()
        for index in 0..<1_000 {
            let (width, height) = sizes[index % sizes.count]
            try tmux.resize(width: width, height: height)
        }
        let elapsed = Date().timeIntervalSince(started)
        try tmux.resize(width: 110, height: 35)
        try tmux.waitFor("INC-1 storm")
        try tmux.press("n")
        try tmux.waitFor("Note")
        try tmux.type("after the storm")
        try tmux.press("Enter")
        // The typed text is on screen before it is recorded: wait for the footer that says it was,
        // or `q` finds the write still running and asks first.
        let screen = try tmux.waitFor("after the storm", "note saved")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 110 })
        try tmux.press("q")
        try Self.expectRestored(tmux, title: "storm", code: "0")
        #expect(try fb.events().contains { ($0["payload"] as? [String: Any])?["text"] as? String == "after the storm" })
        SoakBudget.report("terminal: 1000 resizes in \(String(format: "%.1f", elapsed)) s, console still working")
    }
}
