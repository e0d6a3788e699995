import FirebreakTestSupport
import Foundation
import Testing

/// Eight processes write one incident at once: six command-line writers, each
/// a new `firebreak note` process per write, and two consoles in tmux adding
/// notes by keys. Every acknowledged write must be there exactly once, in one
/// unbroken chain, and nobody may ever see "database is locked".
@Suite("Concurrency: eight writers on one incident", .serialized)
struct ConcurrentWritersTests {
    @Test(.timeLimit(.minutes(10)))
    func sixCommandLinesAndTwoConsolesLoseNothing() throws {
        let seconds = SoakBudget.seconds(default: 12)
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("war-room/firebreak.db"))
        try fb.ok("open", "--title", "eight writers")

        let consoles = try ["console-a", "console-b"].map { name in
            try Tmux(width: 140, height: 40, environment: Tmux.environment(fb, operatorName: name), command: Tmux.firebreak("console INC-1"))
        }
        defer { consoles.forEach { $0.stop() } }
        for console in consoles { try console.waitFor("INC-1 eight writers") }

        let acknowledged = Collected<String>()
        let problems = Collected<String>()
        let deadline = Date().addingTimeInterval(seconds)
        let writers = (1...6).map { number in
            Thread {
                let writer = fb.operated(by: "cli-\(number)")
                var count = 0
                while Date() < deadline {
                    count += 1
                    let text = "cli-\(number) write \(count)"
                    do {
                        let output = try writer.run("note", "INC-1", text)
                        if output.status == 0 { acknowledged.append(text) } else { problems.append("\(text): exit \(output.status): \(output.stderr)") }
                    } catch {
                        problems.append("\(text): \(error)")
                    }
                }
            }
        }
        writers.forEach { $0.start() }

        // The consoles type notes for as long as the writers run, checking their screens for errors.
        var typed: [String] = []
        var round = 0
        while Date() < deadline {
            round += 1
            for (index, console) in consoles.enumerated() {
                let text = "console-\(index == 0 ? "a" : "b") note \(round)"
                try console.press("n")
                try console.waitFor("Note", timeout: 30)
                try console.type(text)
                try console.press("Enter")
                typed.append(text)
                let screen = try console.screen()
                if screen.lowercased().contains("locked") || screen.contains("firebreak:") { problems.append("console \(index) showed:\n\(screen)") }
            }
        }
        while writers.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.05) }

        // The consoles append on their store worker: wait until every typed note has landed.
        var events: [[String: Any]] = []
        let settle = Date().addingTimeInterval(20)
        repeat {
            events = try fb.events()
            let notes = Set(events.compactMap { ($0["payload"] as? [String: Any])?["text"] as? String })
            if typed.allSatisfy(notes.contains) { break }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < settle

        let notes = events.compactMap { ($0["payload"] as? [String: Any])?["text"] as? String }
        let counts = Dictionary(notes.map { ($0, 1) }, uniquingKeysWith: +)
        let missing = (acknowledged.all + typed).filter { counts[$0] == nil }
        let doubled = counts.filter { $0.value > 1 }.map(\.key)
        #expect(problems.all.isEmpty, "\(problems.all.prefix(5).joined(separator: "\n"))")
        #expect(!problems.all.contains { $0.lowercased().contains("locked") })
        #expect(missing.isEmpty, "acknowledged writes missing: \(missing.prefix(10))")
        #expect(doubled.isEmpty, "writes recorded twice: \(doubled.prefix(10))")
        #expect(events.map { $0["seq"] as? Int } == Array(1...events.count).map { $0 as Int? }, "one chain, no gaps")
        #expect(acknowledged.all.count >= 6 * 5, "the writers barely wrote: \(acknowledged.all.count)")
        #expect(typed.count >= 4)
        let verify = try fb.run("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("intact, \(events.count) events"))

        // Both consoles still work after the storm, and show the last writes.
        for console in consoles {
            try console.waitFor(typed.last!, timeout: 30)
            try console.press("q")
            try console.waitFor("EXIT:0")
        }
        SoakBudget.report("writers: 8 processes (6 command-line, 2 consoles) on one incident for \(Int(seconds)) s: "
            + "\(acknowledged.all.count + typed.count) writes acknowledged, all present once, one chain of \(events.count) events, 0 'database is locked'")
    }
}
