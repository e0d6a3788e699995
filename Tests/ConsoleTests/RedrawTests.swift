import Foundation
@testable import Console
import TerminalUI
import Testing

@Suite("Ctrl-L, and sources added in the console")
struct RedrawTests {
    @Test func aInTheLogPaneAsksTheRuntimeToFollowWhatIsTyped() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("4", "a")
        #expect(model.screenText.contains("a file's path, or group:NAME for a CloudWatch Logs group"))
        model.type("group:/aws/lambda/shop")
        #expect(model.press("<Enter>") == [.logSource(.add(spec: "group:/aws/lambda/shop"))])
        var watching = try ConsoleFixtures.model(size: Size(width: 160, height: 50), mode: .readOnly)
        #expect(watching.press("4", "a").isEmpty)
        #expect(watching.overlay == nil)
    }

    @Test func ctrlLAsksForAWholeRepaintAndChangesNothingElse() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        let before = model.screenText
        #expect(model.press("<C-l>") == [.redrawScreen])
        #expect(model.screenText == before)
    }
}
