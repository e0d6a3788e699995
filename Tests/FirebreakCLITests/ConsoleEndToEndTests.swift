import Foundation
import Testing
import FirebreakTestSupport

/// The real binary in a real terminal (tmux), driven by keys as a person would.
@Suite("The console in tmux", .serialized)
struct ConsoleEndToEndTests {
    static func environment(_ fb: FirebreakProcess, _ extra: [String: String] = [:]) -> [String: String] {
        // NO_COLOR empty unless a test sets it: the environment running the suite may have it set.
        ["FIREBREAK_DB": fb.database, "FIREBREAK_OPERATOR": "alice", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "", "FIREBREAK_THEME": ""].merging(extra) { $1 }
    }

    static func command(_ arguments: String = "") -> String {
        "'\(FirebreakProcess.binary.path)' \(arguments)"
    }

    @Test func workAnIncidentFromAFreshDatabaseToQuit() throws {
        let folder = try TemporaryFolder()
        // The first run: nothing names a database, so the default one (under $XDG_DATA_HOME) is created.
        let fb = FirebreakProcess(database: folder.path("data/firebreak/firebreak.db"), operatorName: "alice")
        let tmux = try TmuxSession(width: 120, height: 40, environment: Self.environment(fb, ["FIREBREAK_DB": "", "XDG_DATA_HOME": folder.path("data")]),
                                   command: Self.command())
        try tmux.waitFor("No open incident")
        try tmux.press("O")
        try tmux.waitFor("Open a new incident")
        try tmux.type("Role credentials used from outside AWS")
        try tmux.press("Enter")
        try tmux.waitFor("Severity of")
        try tmux.press("2")
        try tmux.waitFor("INC-1 Role credentials used from outside AWS  SEV2")
        try tmux.waitFor("[ ] Identify risk areas")

        try tmux.press("a")
        try tmux.type("i-0123456789abcdef0")
        try tmux.press("Enter")
        try tmux.waitFor("State of i-0123456789abcdef0")
        try tmux.press("Enter")                       // compromised, preselected
        try tmux.waitFor("compromised ec2-instance")

        try tmux.press("x")                           // tick the first Readiness item
        try tmux.waitFor("[x] Identify risk areas")
        try tmux.press("P")
        try tmux.waitFor("Enter which phase?")
        try tmux.press("3")
        try tmux.waitFor("▶ Containment", "3 Checklist · Containment", "alice: entered Containment")

        try tmux.press("q")
        try tmux.waitFor("EXIT:0")

        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        #expect(show["title"] as? String == "Role credentials used from outside AWS")
        #expect(show["severity"] as? Int == 2)
        #expect(show["phase"] as? String == "containment")
        let resources = try #require(show["resources"] as? [[String: Any]])
        #expect(resources.first?["id"] as? String == "i-0123456789abcdef0")
        #expect(resources.first?["kind"] as? String == "ec2-instance")
        #expect(resources.first?["state"] as? String == "compromised")
        let checklist = try #require(show["checklist"] as? [[String: Any]])
        let ticked = checklist.filter { $0["state"] as? String == "done" }
        #expect(ticked.map { $0["id"] as? String } == ["readiness.identify-risks"])
        #expect(ticked.first?["by"] as? String == "alice")
        #expect(try fb.run("verify").status == 0)
    }

    @Test func changesFromAnotherProcessAppearLive() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "war room")
        let tmux = try TmuxSession(width: 120, height: 40, environment: Self.environment(fb), command: Self.command("console INC-1"))
        try tmux.waitFor("INC-1 war room")
        var scribe = fb
        scribe.environment["FIREBREAK_OPERATOR"] = "bob"
        try scribe.ok("note", "INC-1", "scribe was here")
        try scribe.ok("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--state", "compromised")
        try tmux.waitFor("bob: note: scribe was here")
        try tmux.waitFor("compromised iam-access-key")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func resizeStormsNeverBreakTheScreen() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "resize me")
        let tmux = try TmuxSession(width: 120, height: 40, environment: Self.environment(fb), command: Self.command("console 1"))
        try tmux.waitFor("INC-1 resize me")
        for (width, height) in [(40, 12), (1, 1), (200, 60), (20, 5), (80, 24), (2, 2), (31, 9), (60, 30), (1, 40), (120, 1)] {
            try tmux.resize(width: width, height: height)
            Thread.sleep(forTimeInterval: 0.05)
        }
        try tmux.resize(width: 20, height: 5)
        try tmux.waitFor("too small")
        try tmux.resize(width: 100, height: 30)
        let screen = try tmux.waitFor("INC-1 resize me", "1 Phases")
        #expect(!screen.contains("too small"))
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func anUnusableActionFileIsNamedInTheFooterOnceTheConsoleIsUp() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "catalog read after the first frame")
        let actions = folder.path("actions")
        try FileManager.default.createDirectory(atPath: actions, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: actions + "/broken.json"))
        let tmux = try TmuxSession(width: 200, height: 40, environment: Self.environment(fb, ["FIREBREAK_ACTIONS": actions]),
                                   command: Self.command("console 1"))
        // The catalog is loaded in the background once the console is up; what it skipped still reaches the footer.
        try tmux.waitFor("INC-1 catalog read after the first frame", "action catalog:", "broken.json")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func noColorAndTheScreenTerminal() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "plain")
        let tmux = try TmuxSession(width: 100, height: 30, environment: Self.environment(fb, ["NO_COLOR": "1", "TERM": "screen"]),
                                   command: "TERM=screen " + Self.command("console 1"))
        try tmux.waitFor("INC-1 plain")
        let colours = try tmux.screen(escapes: true)
        // Attributes (bold, reverse) are fine; no foreground or background colour may be set.
        let sgr = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
        let codes = sgr.matches(in: colours, range: NSRange(colours.startIndex..., in: colours)).flatMap { match -> [Int] in
            let text = (colours as NSString).substring(with: match.range(at: 1))
            return text.split(separator: ";").compactMap { Int($0) }
        }
        #expect(!codes.contains { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0) || $0 == 38 || $0 == 48 },
                "colour codes under NO_COLOR: \(Set(codes).sorted())")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func anUnknownTerminalIsAClearErrorAndTheTerminalStaysSane() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "x")
        let tmux = try TmuxSession(width: 100, height: 20, environment: Self.environment(fb),
                                   command: "TERM=vt-nonesuch " + Self.command("console 1") + "; echo RC:$?; stty -a | head -1")
        let screen = try tmux.waitFor("EXIT:")
        #expect(screen.contains("firebreak: terminal type 'vt-nonesuch' is not known"))
        #expect(screen.contains("RC:1"))
        #expect(screen.contains("speed"))   // stty still answers: the terminal was never taken
    }

    @Test func watchIsReadOnly() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "on the wall")
        let before = try dump(fb.database)
        let tmux = try TmuxSession(width: 120, height: 40, environment: Self.environment(fb), command: Self.command("watch 1"))
        try tmux.waitFor("READ-ONLY")
        for key in ["x", "n", "a", "P", "3", "C"] { try tmux.press(key) }
        try tmux.press("Escape")
        Thread.sleep(forTimeInterval: 0.3)
        let screen = try tmux.screen()
        #expect(!screen.contains("Note:") && !screen.contains("Enter which phase"))
        try fb.ok("note", "1", "seen on the wall")
        try tmux.waitFor("seen on the wall")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        let after = try dump(fb.database)
        #expect(after.contains("seen on the wall"))
        #expect(after.replacingOccurrences(of: "seen on the wall", with: "").count > 0)
        #expect(before.count < after.count)
        let events = try #require(try fb.json("events", "1", "--json") as? [[String: Any]])
        #expect(events.count == 2, "watch must not have written anything")
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func everyShippedThemeDraws(_ theme: String) throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "themed")
        let tmux = try TmuxSession(width: 120, height: 40, environment: Self.environment(fb, ["TERM": "tmux-256color"]),
                                   command: Self.command("console 1 --theme \(theme)"))
        let screen = try tmux.waitFor("INC-1 themed", "1 Phases", "4 Log")
        #expect(!screen.contains("using the default theme"))
        try tmux.press("C-c")                          // Ctrl-C quits and gives the terminal back
        try tmux.waitFor("EXIT:0")
    }

    @Test func aBrokenThemeOrConfigFallsBackAndSaysWhy() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "fallback")
        let themes = folder.url.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "# broken\nheader = bold chartreuse-ish\n".write(to: themes.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
        let config = folder.url.appendingPathComponent("config/firebreak")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "theme = broken\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(width: 160, height: 40,
                                   environment: Self.environment(fb, ["FIREBREAK_THEMES": themes.path, "XDG_CONFIG_HOME": folder.path("config")]),
                                   command: Self.command("console 1"))
        try tmux.waitFor("using the default theme", "broken.theme:2", "INC-1 fallback")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func replayAClosedIncidentFromACopyOfTheFileAlone() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("live/fb.db"))
        try fb.ok("open", "--title", "to review")
        try fb.ok("resource", "add", "1", "i-0123456789abcdef0", "--state", "compromised")
        try fb.ok("phase", "1", "containment")
        try fb.ok("resource", "state", "1", "i-0123456789abcdef0", "contained")
        // The close is signed: the operator's key and the signature are events #6 and #7.
        try fb.ok("close", "1", "--resolution", "done")
        let copy = folder.path("review.db")
        try FileManager.default.copyItem(atPath: fb.database, toPath: copy)
        let reviewer = FirebreakProcess(database: copy)
        let before = try dump(copy)
        let tmux = try TmuxSession(width: 120, height: 40, environment: Self.environment(reviewer), command: Self.command("replay INC-1"))
        try tmux.waitFor("⏸ 1/7", "REPLAY", "none by this point of the replay")    // no resource at the opening
        try tmux.press("}")
        try tmux.waitFor("⏸ 3/7", "▶ Containment", "compromised ec2-instance")
        try tmux.press(".")
        try tmux.waitFor("⏸ 4/7", "contained   ec2-instance")
        try tmux.press(",")
        try tmux.waitFor("⏸ 3/7")
        // Seek to the time of the first event: back to the opening.
        let opened = try #require((try fb.json("events", "1", "--json") as? [[String: Any]])?.first?["recordedAt"] as? String)
        try tmux.press("t")
        try tmux.waitFor("Seek to a time")
        try tmux.type(opened)
        try tmux.press("Enter")
        try tmux.waitFor("⏸ 1/7")
        try tmux.press("$")
        try tmux.waitFor("⏸ 7/7", "contained   ec2-instance")
        try tmux.press("x", "n", "a")
        Thread.sleep(forTimeInterval: 0.2)
        try tmux.press("Escape")
        Thread.sleep(forTimeInterval: 0.1)             // ESC and a key within 25 ms read as Alt+key
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        #expect(try dump(copy) == before)
    }

    @Test func aWarRoomSeesWhoIsInAndTheirRoles() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "war room")
        try fb.ok("role", "1", "commander", "alice")
        let commander = try TmuxSession(width: 160, height: 40, environment: Self.environment(fb), command: Self.command("console 1"))
        var scribeFB = fb
        scribeFB.environment["FIREBREAK_OPERATOR"] = "bob"
        let scribe = try TmuxSession(width: 160, height: 40, environment: Self.environment(fb, ["FIREBREAK_OPERATOR": "bob"]), command: Self.command("console 1"))
        let wall = try TmuxSession(width: 160, height: 40, environment: Self.environment(fb, ["FIREBREAK_OPERATOR": "wall"]), command: Self.command("watch 1"))
        try commander.waitFor("cmd alice")
        try commander.waitFor("also bob, wall (watching)")
        try wall.waitFor("also alice, bob")
        // The scribe takes the role from the console: W, 2 (scribe), the name is prefilled with the operator.
        try scribe.waitFor("war room")
        try scribe.press("W")
        try scribe.waitFor("Which role?")
        try scribe.press("2")
        try scribe.waitFor("Who is scribe?")
        try scribe.press("Enter")
        try commander.waitFor("scribe bob")
        try wall.waitFor("scribe bob")
        // The wall display's help lists no key that changes anything.
        try wall.press("?")
        let help = try wall.waitFor("Keys")
        #expect(!help.contains("Add a note") && !help.contains("Tick") && !help.contains("Set the commander"))
        try scribe.press("q")
        try scribe.waitFor("EXIT:0")
        try commander.waitFor("also wall (watching)", timeout: 10)
        let show = try #require(try scribeFB.json("show", "1", "--json") as? [String: Any])
        #expect(show["commander"] as? String == "alice")
        #expect(show["scribe"] as? String == "bob")
        try commander.press("q")
        try commander.waitFor("EXIT:0")
    }

    @Test func aLineAppendedToAFollowedFileAppearsWithinASecond() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "tail")
        try fb.ok("resource", "add", "1", "AKIAIOSFODNN7EXAMPLE", "--state", "compromised")
        let log = folder.path("auth.log")
        try "old line that must not show\n".write(toFile: log, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(width: 160, height: 40, environment: Self.environment(fb), command: Self.command("console 1 --tail '\(log)'"))
        try tmux.waitFor("auth.log: following")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        handle.write(Data("CreateUser by AKIAIOSFODNN7EXAMPLE \u{1B}[2J\u{1B}]0;owned\u{07}\n".utf8))
        try handle.close()
        let appended = Date()
        let screen = try tmux.waitFor("[auth.log] CreateUser by AKIAIOSFODNN7EXAMPLE ^[[2J^[]0;owned^G")
        #expect(Date().timeIntervalSince(appended) < 1.5)
        #expect(!screen.contains("old line that must not show"))
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        // A file that cannot be read is refused before the screen is taken.
        let missing = try fb.run("console", "1", "--tail", folder.path("nope.log"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read --tail"))
    }

    /// `a` in the log pane follows a file named in the console, as `--tail` would.
    @Test func aFileAddedFromTheConsoleIsFollowed() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "added")
        let log = folder.path("app.log")
        try "before\n".write(toFile: log, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(width: 160, height: 40, environment: Self.environment(fb), command: Self.command("console 1"))
        try tmux.waitFor("INC-1 added")
        try tmux.press("4")
        try tmux.press("a")
        try tmux.waitFor("Follow another source")
        try tmux.type(folder.path("nope.log"))
        try tmux.press("Enter")
        try tmux.waitFor("cannot follow")
        try tmux.press("a")
        try tmux.waitFor("Follow another source")
        try tmux.type(log)
        try tmux.press("Enter")
        try tmux.waitFor("app.log: following")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        handle.write(Data("added from the console\n".utf8))
        try handle.close()
        try tmux.waitFor("[app.log] added from the console")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    /// The console's action flow end to end, with an `aws` stand-in that answers
    /// in the CLI's real output format and logs every argv it was given (the
    /// emulator-backed runs of the same flow are in AWSActionsTests).
    @Test func anActionFromTheConsoleShowsItsCommandsRunsAndRecordsEveryCall() throws {
        let folder = try TemporaryFolder()
        let (fb, tmux, calls) = try Self.consoleWithFakeAWS(in: folder, title: "leaked key", resource: "AKIAIOSFODNN7EXAMPLE", width: 170, answers: """
              *get-access-key-last-used*) echo '"alice"' ;;
              *list-access-keys*) echo '["AKIAIOSFODNN7EXAMPLE"]' ;;
            """)
        try Self.chooseAction("iam.deactivate-key", for: "AKIAIOSFODNN7EXAMPLE", in: tmux)
        let preview = try tmux.waitFor("aws iam update-access-key --access-key-id AKIAIOSFODNN7EXAMPLE")
        #expect(preview.contains("aws iam get-access-key-last-used --access-key-id AKIAIOSFODNN7EXAMPLE"))
        #expect(preview.contains("acting as arn:aws:sts::123456789012:assumed-role/Responder/console"))
        // Nothing ran while the plan was shown but learning who Firebreak acts as.
        let before = ((try? String(contentsOfFile: calls, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(before.allSatisfy { $0.hasPrefix("sts get-caller-identity") }, "\(before)")
        try tmux.press("Enter")
        try tmux.waitFor("iam.deactivate-key: succeeded")
        try tmux.waitFor("contained   iam-access-key")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")

        let logged = try String(contentsOfFile: calls, encoding: .utf8)
        #expect(logged.contains("iam update-access-key --access-key-id AKIAIOSFODNN7EXAMPLE --user-name alice --status Inactive"))
        let show = try #require(try fb.json("show", "1", "--json") as? [String: Any])
        let runs = try #require(show["actionRuns"] as? [[String: Any]])
        #expect(runs.first?["action"] as? String == "iam.deactivate-key")
        #expect(runs.first?["status"] as? String == "succeeded")
        let steps = try #require(runs.first?["steps"] as? [[String: Any]])
        #expect(steps.contains { ($0["argv"] as? [String])?.contains("update-access-key") == true })
        let item = (show["checklist"] as? [[String: Any]])?.first { $0["id"] as? String == "containment.deny-iam" }
        #expect(item?["state"] as? String == "done")
        #expect(try fb.run("verify").status == 0)
    }

    /// Acting on the identity Firebreak runs as takes a typed confirmation
    /// naming it; a wrong text runs nothing, the right one runs the action.
    @Test func actingOnItselfFromTheConsoleTakesTheCallersNameTyped() throws {
        let folder = try TemporaryFolder()
        let (fb, tmux, calls) = try Self.consoleWithFakeAWS(in: folder, title: "self", resource: "arn:aws:iam::123456789012:user/responder",
                                                            width: 200, answers: """
              *get-caller-identity*) echo '{"Arn": "arn:aws:iam::123456789012:user/ops/responder", "Account": "123456789012"}' ;;
              *list-user-policies*) echo '["firebreak-deny-all"]' ;;
            """)
        try Self.chooseAction("iam.deny-all", for: "arn:aws:iam::123456789012:user/responder", in: tmux)
        try tmux.waitFor("responder is the IAM user Firebreak acts as", "acting as arn:aws:iam::123456789012:user/ops/responder")
        try tmux.press("Enter")
        try tmux.waitFor("Type 'act on myself responder'")
        try tmux.type("act on myself")
        try tmux.press("Enter")
        try tmux.waitFor("that is not the confirmation text; nothing was run")
        #expect(!((try? String(contentsOfFile: calls, encoding: .utf8)) ?? "").contains("put-user-policy"))
        try tmux.press("Escape")
        let deadline = Date().addingTimeInterval(10)
        while try tmux.screen().contains("Type 'act on myself"), Date() < deadline { usleep(50_000) }

        try Self.chooseAction("iam.deny-all", for: "arn:aws:iam::123456789012:user/responder", in: tmux)
        try tmux.waitFor("responder is the IAM user Firebreak acts as")
        try tmux.press("Enter")
        try tmux.waitFor("Type 'act on myself responder'")
        try tmux.type("act on myself responder")
        try tmux.press("Enter")
        try tmux.waitFor("iam.deny-all: succeeded")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        #expect(try String(contentsOfFile: calls, encoding: .utf8).contains("iam put-user-policy --user-name responder"))
        let runs = try #require((try fb.json("show", "1", "--json") as? [String: Any])?["actionRuns"] as? [[String: Any]])
        #expect(runs.count == 1 && runs.first?["status"] as? String == "succeeded")
    }

    /// Each step reaches the log pane when it is recorded, while the run goes on.
    @Test func anActionsStepsStreamIntoTheLogWhileItRuns() throws {
        let folder = try TemporaryFolder()
        // The change step waits until the test opens its gate (a minute at most, should the test fail first),
        // so "while it runs" does not hang on a timing.
        let gate = folder.path("gate")
        let (_, tmux, _) = try Self.consoleWithFakeAWS(in: folder, title: "slow key", resource: "AKIAIOSFODNN7EXAMPLE", width: 200, answers: """
              *get-access-key-last-used*) echo '"alice"' ;;
              *list-access-keys*) echo '["AKIAIOSFODNN7EXAMPLE"]' ;;
              *update-access-key*) n=0; while [ ! -e '\(gate)' ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done; echo '{}' ;;
            """)
        try Self.chooseAction("iam.deactivate-key", for: "AKIAIOSFODNN7EXAMPLE", in: tmux)
        try tmux.waitFor("aws iam update-access-key")
        try tmux.press("Enter")
        // The first step is on screen while the second is still waiting at the gate.
        let during = try tmux.waitFor("find-user: succeeded")
        #expect(!during.contains("iam.deactivate-key: succeeded"))
        #expect(FileManager.default.createFile(atPath: gate, contents: Data()))
        try tmux.waitFor("iam.deactivate-key: succeeded")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func theConsolePlanNamesTheOtherInstancesAQuarantineCutsOff() throws {
        // Answers the preview's two read-only calls as AWS would (the CLI's --query already applied).
        let folder = try TemporaryFolder()
        let (fb, tmux, calls) = try Self.consoleWithFakeAWS(in: folder, title: "noisy box", resource: "i-0123456789abcdef0", width: 200, answers: """
              *SubnetId*) echo '"subnet-0aaaabbbbccccdddd"' ;;
              *subnet-id*) echo '["i-0fedcba9876543210", "i-00000000000000001"]' ;;
            """)
        try Self.chooseAction("ec2.quarantine-subnet", for: "i-0123456789abcdef0", in: tmux)
        let preview = try tmux.waitFor("i-0fedcba9876543210, i-00000000000000001")
        #expect(preview.contains("subnet-0aaaabbbbccccdddd"))
        // Only the preview's reads ran: nothing changed while the plan is shown.
        let logged = try String(contentsOfFile: calls, encoding: .utf8)
        #expect(logged.split(separator: "\n").allSatisfy { $0.contains(" describe-") }, "\(logged)")
        try tmux.press("Escape")
        // Esc followed at once by a key reads as Alt+key: let the modal close first.
        let deadline = Date().addingTimeInterval(10)
        while try tmux.screen().contains("Enter run · Esc cancel"), Date() < deadline { usleep(50_000) }
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        let runs = (try fb.json("show", "1", "--json") as? [String: Any])?["actionRuns"] as? [Any]
        #expect(runs?.isEmpty == true, "cancelling the plan ran nothing")
    }

    /// An incident with one compromised resource, and a console on it whose `aws`
    /// is a stand-in: it logs each argv to the returned path and answers with
    /// the `case` arms given (anything else gets `{}`).
    static func consoleWithFakeAWS(in folder: TemporaryFolder, title: String, resource: String, width: Int, answers: String) throws
        -> (fb: FirebreakProcess, tmux: TmuxSession, calls: String) {
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", title, "--region", "us-east-1")
        try fb.ok("resource", "add", "1", resource, "--state", "compromised")
        let calls = folder.path("calls.log")
        let fake = folder.path("aws")
        try """
            #!/bin/sh
            printf '%s\\n' "$*" >> '\(calls)'
            case "$*" in
            \(answers)
              *get-caller-identity*) echo '{"Arn": "arn:aws:sts::123456789012:assumed-role/Responder/console", "Account": "123456789012"}' ;;
              *) echo '{}' ;;
            esac
            """.write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        let tmux = try TmuxSession(width: width, height: 45, environment: environment(fb), command: command("console 1 --aws-cli '\(fake)'"))
        try tmux.waitFor("INC-1 \(title)")
        return (fb, tmux, calls)
    }

    /// `a` on the resource, then the number the menu puts in front of `action` (one key away).
    static func chooseAction(_ action: String, for resource: String, in tmux: TmuxSession) throws {
        try tmux.press("2")
        try tmux.press("a")
        let menu = try tmux.waitFor("Actions for \(resource)")
        let option = try NSRegularExpression(pattern: "([0-9]+)  " + NSRegularExpression.escapedPattern(for: action))
        let match = try #require(option.firstMatch(in: menu, range: NSRange(menu.startIndex..., in: menu)))
        let number = (menu as NSString).substring(with: match.range(at: 1))
        #expect(Int(number).map { $0 <= 9 } == true, "the action must be one key away")
        try tmux.press(number)
    }
}

