import Foundation
import Testing
import FirebreakTestSupport

/// `firebreak close` with a resource still compromised: refused, naming it, with nothing written, unless `--force`;
/// and a closed incident still takes its follow-up items and lessons (the review comes after closing).
@Suite("Closing with resources still compromised, and follow-ups after closing")
struct CloseWarningTests {
    @Test func closeRefusesWhileAResourceIsCompromisedUnlessForced() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "keys leaked")
        try fb.ok("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--state", "compromised")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "suspected")
        let before = try dump(fb.database)

        let refused = try fb.run("close", "INC-1", "--resolution", "done")
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("INC-1 still has a compromised resource: AKIAIOSFODNN7EXAMPLE; contain it first, or close with --force"),
                "stderr: \(refused.stderr)")
        #expect(try dump(fb.database) == before)

        #expect(try fb.ok("close", "INC-1", "--resolution", "done", "--force") == "INC-1 closed\n")
        // The review's lessons and action items are recorded after closing; other changes still need it reopened.
        try fb.ok("followup", "INC-1", "rotate", "keys", "monthly", "--owner", "sec-team")
        try fb.ok("followup", "INC-1", "paging", "worked", "--kind", "went-well")
        let note = try fb.run("note", "INC-1", "late")
        #expect(note.status != 0 && note.stderr.contains("INC-1 is closed; reopen it to change it"))
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        #expect((show["followUps"] as? [Any])?.count == 2, "\(show.keys)")
    }
}
