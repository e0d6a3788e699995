import Foundation
import Testing
import FirebreakTestSupport

@Suite("verify, concurrent writers and SIGKILL against the real binary")
struct TamperAndConcurrencyTests {
    @Test func verifyNamesTheAlteredEvent() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "x")
        for index in 1...6 { try fb.ok("note", "1", "note \(index)") }
        #expect(try fb.run("verify", "INC-1").status == 0)
        try sqlite3(fb.database, "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'note 3', 'note 8') WHERE seq = 4")
        let result = try fb.run("verify", "INC-1")
        #expect(result.status == 2)
        // One clear line, the same on stdout and stderr, naming the event once.
        let line = "INC-1: NOT intact: event #4: its content does not match its hash (altered after it was recorded)"
        #expect(result.stderr == "firebreak: \(line)\n")
        #expect(result.stdout.split(separator: "\n").map(String.init).contains(line), "stdout: \(result.stdout)")
        #expect(!result.stdout.contains("intact, "))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(fb.run("verify", "--json").stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["firstBadEvent"] as? Int == 4)
        #expect(json.first?["intact"] as? Bool == false)
        // Its head is the incident's own: the hash stored with its last event (#7), not the last that verified (#3).
        let stored = try sqlite3(fb.database, "SELECT hash FROM events WHERE seq = 7").trimmingCharacters(in: .whitespacesAndNewlines)
        let lastVerified = try sqlite3(fb.database, "SELECT hash FROM events WHERE seq = 3").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(stored.count == 64 && stored != lastVerified)
        #expect(json.first?["headHash"] as? String == stored)
        #expect(json.first?["verifiedHeadHash"] as? String == lastVerified)
    }

    @Test func verifyCatchesADeletedEvent() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "x")
        for index in 1...4 { try fb.ok("note", "1", "note \(index)") }
        try sqlite3(fb.database, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3")
        let result = try fb.run("verify")
        #expect(result.status == 2)
        #expect(result.stderr.contains("INC-1: NOT intact: event #3: is missing"))
    }

    /// Two processes append 2,000 events each to one incident at the same time.
    @Test(.timeLimit(.minutes(10)))
    func twoWritersAtOnceMakeOneUnbrokenChain() throws {
        let folder = try TemporaryFolder()
        try ConcurrentWriters.raceIntoOneChain(FirebreakProcess(database: folder.path("incidents.db")), count: 2000)
    }

    /// A writer killed with SIGKILL mid-loop: every seq it printed (after commit) is there.
    @Test(.timeLimit(.minutes(10)))
    func sigkillLosesNothingAcknowledged() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "crash")

        let process = Process()
        process.executableURL = FirebreakProcess.binary
        process.arguments = ["stress-append", "INC-1", "--count", "1000000"]
        process.environment = fb.environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()

        var acknowledged = Data()
        let deadline = Date().addingTimeInterval(30)
        // Kill it once it has acknowledged a few hundred events, mid-stream.
        while String(decoding: acknowledged, as: UTF8.self).split(separator: "\n").count < 300 && Date() < deadline {
            acknowledged.append(out.fileHandleForReading.availableData)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        acknowledged.append(out.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationReason == .uncaughtSignal)

        let seqs = String(decoding: acknowledged, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(seqs.count >= 300)
        let events = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
        let stored = Set(events.compactMap { $0["seq"] as? Int })
        #expect(seqs.allSatisfy(stored.contains), "an acknowledged event is missing")
        #expect(stored.count >= seqs.count)
        #expect(try fb.run("verify").status == 0)
        // And the incident takes new writes after the crash.
        try fb.ok("note", "1", "after the crash")
        #expect(try fb.run("verify").status == 0)
    }
}
