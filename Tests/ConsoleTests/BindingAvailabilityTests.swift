import Foundation
@testable import Console
import IncidentModel
import TerminalUI
import Testing

/// Each binding says, beside its key, why it cannot run now; the footer, `?` and the docs say it.
@Suite("Why a key is unavailable")
struct BindingAvailabilityTests {
    /// The footer cell where `label`'s key is drawn, and its style.
    static func footerStyle(of label: String, in model: ConsoleModel) throws -> CellStyle {
        let canvas = ConsoleView.render(model)
        let row = canvas.height - 1
        let line = canvas.textLines()[row]
        let range = try #require(line.range(of: " \(label)"), "no '\(label)' in the footer: \(line)")
        let x = line.distance(from: line.startIndex, to: range.lowerBound) - 1
        return canvas[x, row].style
    }

    @Test func theFooterDimsAKeyThatCannotRunNowAndPressingItSaysWhy() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("3")          // the checklist of Containment: "Automate containment with scripts" first, backed by nothing
        #expect(model.selectedItem?.id == "containment.automate")
        #expect(try Self.footerStyle(of: "run", in: model) == .role(.dim))
        // The next item is backed by ec2.isolate: its `r` is drawn as a key again.
        _ = model.press("j")
        #expect(try Self.footerStyle(of: "run", in: model) == .role(.footerKey))
        _ = model.press("k")
        #expect(model.press("r").isEmpty)
        #expect(model.status?.text == "nothing in Firebreak backs containment.automate: tick it when done")
        #expect(model.status?.isError == true)
    }

    @Test func reopeningAnOpenIncidentSaysSoInsteadOfTryingTheWrite() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        #expect(model.press("R").isEmpty)
        #expect(model.status?.text == "the incident is open")
        #expect(model.pendingWrites == 0)
    }

    @Test func theHelpOverlaySaysWhyBesideTheKey() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("3", "?")
        let lines = model.screenText.split(separator: "\n").map(String.init)
        let run = try #require(lines.firstIndex { $0.contains("r            Run what backs the item") })
        #expect(lines[run + 1].contains("now: nothing in Firebreak backs containment.automate: tick it when done"))
        #expect(!lines.contains { $0.contains("now: no checklist item selected") })
    }

    @Test func theDocsSayWhenEachKeyIsUnavailable() {
        let markdown = ConsoleBindings.markdown
        #expect(markdown.contains("| `r` | Run what backs the item"))
        #expect(markdown.contains("no item is selected, or nothing in Firebreak backs the item, or the incident is closed (but for the report) | no |"))
        #expect(markdown.contains("| `q` `<C-c>` | Quit"))
    }

    /// Ctrl-C is a binding of the table like any key: with a write still running it asks first, as `q` does.
    @Test func ctrlCGoesThroughTheTable() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("3", "x")     // a write is pending until the store answers
        #expect(model.pendingWrites == 1)
        _ = model.press("<C-c>")
        #expect(model.overlay == .confirmQuit && !model.shouldQuit)
    }

    /// Every binding's command runs in every scope without trapping, in each mode.
    @Test(arguments: [ConsoleMode.live, .readOnly])
    func everyBindingRunsWhereverItIsPressed(_ mode: ConsoleMode) throws {
        for binding in ConsoleBindings.table.bindings {
            for pane in PaneID.allCases {
                var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50), mode: mode)
                _ = model.press("\(pane.rawValue + 1)")
                for key in binding.keys { _ = model.update(.key(key)) }
            }
        }
    }
}
