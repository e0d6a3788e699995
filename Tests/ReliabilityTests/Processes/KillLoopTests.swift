import Foundation
import Testing
import FirebreakTestSupport

/// SIGKILL at random moments of a writer's life, over and over on one
/// database: every event a killed writer acknowledged (printed after its
/// commit) is there, the chain verifies after every kill, and the next
/// writer carries on from it.
@Suite("Crash: SIGKILL at random moments, repeatedly")
struct KillLoopTests {
    @Test(.timeLimit(.minutes(10)))
    func everyAcknowledgedEventSurvivesEveryKill() throws {
        let rounds = ProcessInfo.processInfo.environment["FIREBREAK_KILL_ROUNDS"].flatMap(Int.init) ?? 6
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("firebreak.db"))
        try fb.ok("open", "--title", "killed over and over")
        var random = SeededGenerator(seed: FuzzBudget.seed ^ 0x4B11)
        var acknowledged = 0
        for round in 1...rounds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Firebreak.binary)
            // Signing as every writer does: a kill can also land between a checkpoint's signature and its commit.
            process.arguments = ["stress-append", "INC-1", "--count", "1000000", "--text", "round \(round)", "--sign"]
            process.environment = fb.environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill after a random number of milliseconds: sometimes before the
            // first commit, sometimes mid-transaction, sometimes mid-checkpoint.
            let delay = 20 + Int(random.next() % 600)
            Thread.sleep(forTimeInterval: Double(delay) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let seqs = printed.split(separator: "\n").compactMap { Int($0) }
            acknowledged += seqs.count

            let verify = try fb.run("verify", "INC-1")
            #expect(verify.status == 0, "round \(round) after \(delay) ms: \(verify.stderr)")
            let stored = Set(try fb.events().compactMap { $0["seq"] as? Int })
            let lost = seqs.filter { !stored.contains($0) }
            #expect(lost.isEmpty, "round \(round): acknowledged events lost: \(lost.prefix(5))")
            #expect(stored == Set(1...stored.count), "round \(round): the chain has a gap")
        }
        try fb.ok("note", "INC-1", "after \(rounds) kills")
        #expect(try fb.run("verify").status == 0)
        SoakBudget.report("kills: \(rounds) SIGKILLs of a writer at random moments survived; \(acknowledged) acknowledged events, none lost, chain intact after each")
    }
}
