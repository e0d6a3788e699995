import Foundation
import Testing
import FirebreakTestSupport

/// The hidden paths that build and measure a long record: `stress-append
/// --batch` and `replay-measure`, through the real binary.
@Suite("Replay measurement paths")
struct ReplayMeasureTests {
    @Test func batchedNotesAndAMeasuredReplayOfThem() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "long record")
        // 2,500 notes, 1,000 to a transaction: one line per commit.
        let seqs = try fb.ok("stress-append", "INC-1", "--count", "2500", "--batch", "1000").split(separator: "\n")
        #expect(seqs == ["1001", "2001", "2501"])
        let before = try dump(fb.database)
        let report = try fb.ok("replay-measure", "INC-1", "--seeks", "20")
        #expect(report.contains("events          2501"))
        #expect(report.contains("seek median"))
        #expect(report.contains("peak resident"))
        // Measuring is reading: the file is untouched.
        #expect(try dump(fb.database) == before)
    }

    @Test func badValuesAreOneLineAndChangeNothing() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"))
        try fb.ok("open", "--title", "long record")
        let before = try dump(fb.database)
        for arguments in [["stress-append", "INC-1", "--batch", "0"], ["replay-measure", "INC-1", "--seeks", "0"], ["replay-measure", "INC-9"]] {
            let result = try fb.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderrLines.count == 1, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(arguments)")
        }
        #expect(try fb.run("stress-append", "INC-1", "--batch", "0").stderr.contains("--batch"))
        #expect(try fb.run("replay-measure", "INC-9").stderr.contains("INC-9"))
        #expect(try dump(fb.database) == before)
    }
}
