import Foundation
@testable import FirebreakCLI
import IncidentModel
import Testing
import FirebreakTestSupport

/// The real binary in tmux, keys typed as a person types them: `r` on every
/// item of the default checklist does what backs the item, and a key that
/// cannot run now says why in the footer.
@Suite("Checklist items and unavailable keys in the console, in tmux", .serialized)
struct ChecklistRunTmuxTests {
    /// AWS calls go to a closed local port and fail at once: what is checked is what the console does, not AWS.
    static let aws = FollowLogsTmuxTests.aws

    /// Polls until the screen holds one of `texts`; throws with the last screen if none shows before the deadline.
    @discardableResult
    static func waitForAny(_ tmux: TmuxSession, _ texts: [String], timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try tmux.screen()
            if texts.contains(where: last.contains) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "screen never showed any of \(texts); last screen:\n\(last)"])
    }

    /// Polls until the screen no longer holds `text` (an overlay closed): a key typed right after Esc would reach
    /// ncurses as Alt and that key.
    static func waitForGone(_ tmux: TmuxSession, _ text: String, timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try !tmux.screen().contains(text) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "screen still shows \(text)"])
    }

    /// The title of the overlay `r` opens for `backing`; nil when it answers in the footer.
    static func overlay(for backing: ChecklistBacking, screen: String) -> String? {
        switch backing {
        case .action: return screen.contains("Actions for") ? "Actions for" : nil
        case .operation(.accountsAndRegions): return "Accounts and regions"
        case .operation(.importFindings): return "Import findings"
        case .operation(.discovery): return "Discover what is related to"
        case .operation(.report): return "To: INC-1-report.md"
        case .operation(.drill): return "Schedule a drill"
        default: return nil
        }
    }

    /// What the screen shows once `r` did what backs `backing`.
    static func reaction(to backing: ChecklistBacking) -> [String] {
        switch backing {
        // The action's menu for the incident's resources, or why none of them needs it.
        case .action(let id): return ["\(id)  ", "\(id) applies to", "\(id): no compromised"]
        // Five items share the audit: asked again while it runs, it says so rather than queueing another.
        case .operation(.readinessAudit): return ["auditing readiness in us-east-1", "readiness: ", "the readiness audit is already running"]
        case .operation(.accountsAndRegions): return ["Accounts and regions · INC-1"]
        case .operation(.importFindings): return ["securityhub, guardduty, or the path of a findings file"]
        case .operation(.discovery): return ["Discover what is related to"]
        case .operation(.verification): return ["verifying every containment", "no containment in force in INC-1 to verify"]
        case .operation(.undoContainment): return ["no containment to undo: no reversible run is left"]
        case .operation(.restoreNetwork): return ["no network containment to undo"]
        case .operation(.report): return ["To: INC-1-report.md"]
        case .operation(.drill): return ["Schedule a drill"]
        }
    }

    @Test func rOnEveryDefaultItemDoesWhatBacksIt() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "every item", "--region", "us-east-1", "--account", "123456789012")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        let tmux = try TmuxSession(width: 200, height: 50, environment: ConsoleEndToEndTests.environment(fb, Self.aws),
                                   command: ConsoleEndToEndTests.command("console INC-1 --endpoint-url http://127.0.0.1:9"))
        try tmux.waitFor("INC-1 every item", "[ ] Identify risk areas")
        for phase in Phase.allCases {
            try tmux.waitFor("3 Checklist · \(phase.title)")
            try tmux.press("g")
            for (index, item) in Playbook.default.items(in: phase).enumerated() {
                if index > 0 { try tmux.press("j") }
                guard let backing = item.backedBy else { continue }
                try tmux.press("r")
                let screen = try Self.waitForAny(tmux, Self.reaction(to: backing))
                #expect(!screen.contains("no action '"), "\(item.id): \(screen)")
                #expect(!screen.contains("nothing in Firebreak backs"), "\(item.id)")
                // Close what opened (a menu, a prompt, a box); a line in the footer goes by itself.
                if let title = Self.overlay(for: backing, screen: screen) {
                    try tmux.press("Escape")
                    try Self.waitForGone(tmux, title)
                }
            }
            if phase != .followUp { try tmux.press("]") }
        }
        // The audit's calls fail (nothing listens there) and it says so; wait for its record before quitting.
        try tmux.waitFor("readiness audit (us-east-1)", timeout: 60)
        try tmux.press("q")
        // A write still running makes `q` ask; when the write ends just as it asks, the question goes away
        // and the `y` meant for it is an ordinary key: then quit again.
        for _ in 0..<3 {
            let screen = try Self.waitForAny(tmux, ["EXIT:0", "A write to the incident is still running"])
            if screen.contains("EXIT:0") { break }
            try tmux.press("y")
            if (try? Self.waitForAny(tmux, ["EXIT:0"], timeout: 5)) != nil { break }
            try tmux.press("q")
        }
        try tmux.waitFor("EXIT:0")
        // Nothing the keys did wrote a finding or a follow-up; the audit was recorded.
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        #expect((show["readiness"] as? [Any])?.isEmpty == false)
    }

    /// AWS work that hangs (a stand-in `aws` that sleeps): asked twice, it is queued once; `q` names it, and `y`
    /// stops the hung call and quits at once rather than waiting for it and for what was queued behind it.
    @Test func quittingAnywayDoesNotWaitForAWSWork() throws {
        let folder = try TemporaryFolder()
        let bin = folder.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\nexec sleep 300\n".write(toFile: bin + "/aws", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/aws")
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "hangs", "--region", "us-east-1")
        let tmux = try TmuxSession(width: 160, height: 50, environment: ConsoleEndToEndTests.environment(fb, Self.aws),
                                   command: ConsoleEndToEndTests.command("console INC-1 --aws-cli '\(bin)/aws'"))
        try tmux.waitFor("INC-1 hangs", "[ ] Identify risk areas")
        try tmux.press("r")                               // Identify risk areas: the audit
        try tmux.waitFor("auditing readiness in us-east-1")
        try tmux.press("j", "r")                          // the owner-tags item: the same audit
        try tmux.waitFor("the readiness audit is already running")
        try tmux.press("q")
        try tmux.waitFor("A write to the incident is still running:", "  the readiness audit", "y  quit anyway")
        try tmux.press("y")
        // Well inside the 60 s the hung call would take to time out.
        try tmux.waitFor("EXIT:0", timeout: 20)
        // The stopped audit was recorded for what it was (every check could not run), not lost; and only once.
        let audits = try fb.run("events", "INC-1").stdout.split(separator: "\n").filter { $0.contains("readiness.audited") }
        #expect(audits.count == 1)
        #expect(audits.first?.contains("0 pass, 0 fail") == true)
    }

    @Test func anUnavailableKeySaysWhyInTheFooterAndInTheHelp() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "why not")
        let tmux = try TmuxSession(width: 160, height: 50, environment: ConsoleEndToEndTests.environment(fb), command: ConsoleEndToEndTests.command("console INC-1"))
        try tmux.waitFor("INC-1 why not", "[ ] Identify risk areas")
        try tmux.press("R")                               // reopen, on an open incident
        try tmux.waitFor("the incident is open")
        try tmux.press("]")                               // Detection: "Identify the intent of the attack" first, backed by nothing
        try tmux.waitFor("3 Checklist · Detection")
        try tmux.press("r")
        try tmux.waitFor("nothing in Firebreak backs detection.intent: tick it when done")
        try tmux.press("?")
        try tmux.waitFor("Keys · Checklist", "now: nothing in Firebreak backs detection.intent: tick it when done")
        try tmux.press("Escape")
        try Self.waitForGone(tmux, "Keys · Checklist")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        // Nothing was written by the refused keys.
        let events = try fb.run("events", "INC-1")
        #expect(!events.stdout.contains("incident.reopened"))
    }
}
