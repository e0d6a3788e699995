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
        _ = model.press("<Enter>")
        #expect(model.takeLogSourceRequests() == [.add(spec: "group:/aws/lambda/shop")])
        var watching = try ConsoleFixtures.model(size: Size(width: 160, height: 50), mode: .readOnly)
        _ = watching.press("4", "a")
        #expect(watching.overlay == nil && watching.takeLogSourceRequests().isEmpty)
    }

    @Test func ctrlLAsksForAWholeRepaintAndChangesNothingElse() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        let before = model.screenText
        #expect(!model.redrawRequested)
        #expect(model.press("<C-l>").isEmpty)
        #expect(model.redrawRequested)
        #expect(model.screenText == before)
    }
}
