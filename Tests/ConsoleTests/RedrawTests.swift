import Foundation
@testable import Console
import TerminalUI
import Testing

@Suite("Ctrl-L")
struct RedrawTests {
    @Test func ctrlLAsksForAWholeRepaintAndChangesNothingElse() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        let before = model.screenText
        #expect(!model.redrawRequested)
        #expect(model.press("<C-l>").isEmpty)
        #expect(model.redrawRequested)
        #expect(model.screenText == before)
    }
}
