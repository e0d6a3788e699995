import Foundation
import IncidentModel
@testable import Console
import TerminalUI
import Testing

/// `L`: lessons, policy changes and action items recorded from the console for the report.
@Suite("Follow-up from the console")
struct FollowUpFlowTests {
    @Test func aLessonIsOneLine() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        #expect(model.press("L").isEmpty)
        #expect(model.screenText.contains("Policy changes decided"))
        _ = model.press("1")
        model.type("paging reached the on-call in two minutes")
        #expect(model.press("<Enter>") == [.record(.followUpRecorded(FollowUpRecorded(
            id: "FU-1", category: .wentWell, text: "paging reached the on-call in two minutes")))])
    }

    @Test func anActionItemAsksForItsOwnerAndDueDate() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("L", "4")
        model.type("rotate every key older than 90 days")
        #expect(model.press("<Enter>").isEmpty)
        model.type("platform-team")
        #expect(model.press("<Enter>").isEmpty)
        model.type("31/12/2026")
        #expect(model.press("<Enter>").isEmpty)
        guard case .prompt(let form) = model.overlay else { Issue.record("a bad date keeps the prompt open"); return }
        #expect(form.prompt.error?.isEmpty == false)
        _ = model.press("<C-u>")
        model.type("2026-12-31")
        #expect(model.press("<Enter>") == [.record(.followUpRecorded(FollowUpRecorded(
            id: "FU-1", category: .action, text: "rotate every key older than 90 days", owner: "platform-team", due: "2026-12-31")))])
    }

    @Test func watchCannotRecordFollowUps() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50), mode: .readOnly)
        #expect(model.press("L").isEmpty)
        #expect(model.overlay == nil)
    }
}
