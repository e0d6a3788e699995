import Testing
@testable import TerminalUI

@Suite("Key-binding table")
struct KeyBindingTableTests {
    static let table = KeyBindingTable([
        KeyBinding(["q", "<C-c>"], command: "quit", help: "Quit Firebreak", footer: "quit"),
        KeyBinding(["?"], command: "help", help: "Show all keys", footer: "help"),
        KeyBinding(["<Tab>"], command: "focus.next", help: "Next pane"),
        KeyBinding(["n"], command: "note.add", help: "Add a note", mutates: true, footer: "note"),
        KeyBinding(["c"], command: "resource.contain", help: "Contain the selected resource",
                   scope: .pane("resources"), mutates: true, footer: "contain"),
        KeyBinding(["j", "<Down>"], command: "resource.next", help: "Next resource", scope: .pane("resources")),
        KeyBinding(["q"], command: "resource.quarantine", help: "Quarantine | isolate", scope: .pane("resources"), mutates: true),
        KeyBinding(["/"], command: "log.search", help: "Search the log", scope: .pane("log"), footer: "search"),
    ])

    @Test func paneBindingsWinOverGlobalOnes() {
        #expect(Self.table.resolve(.character("q"), in: "resources")?.command == "resource.quarantine")
        #expect(Self.table.resolve(.character("q"), in: "log")?.command == "quit")
        #expect(Self.table.resolve(.character("q"), in: nil)?.command == "quit")
        #expect(Self.table.resolve(.ctrl("c"), in: "resources")?.command == "quit")
        #expect(Self.table.resolve(.down, in: "resources")?.command == "resource.next")
        #expect(Self.table.resolve(.down, in: "log") == nil)
        #expect(Self.table.resolve(.character("c"), in: "log") == nil)
    }

    @Test func readOnlyDropsEverythingThatChangesTheIncident() {
        let readOnly = Self.table.readOnly()
        #expect(readOnly.resolve(.character("n"), in: nil) == nil)
        #expect(readOnly.resolve(.character("c"), in: "resources") == nil)
        // With the pane's mutating `q` gone, the global quit is reachable again.
        #expect(readOnly.resolve(.character("q"), in: "resources")?.command == "quit")
        #expect(readOnly.bindings.allSatisfy { !$0.mutates })
        #expect(readOnly.footerHints(in: "resources").map(\.label) == ["quit", "help"])
    }

    @Test func footerHintsListPaneBindingsFirstAndSkipShadowedOnes() {
        #expect(Self.table.footerHints(in: "resources") == [
            KeyHint(key: "c", label: "contain"), KeyHint(key: "q", label: "quit"),
            KeyHint(key: "?", label: "help"), KeyHint(key: "n", label: "note"),
        ])
        #expect(Self.table.active(in: "resources").map(\.command).contains("quit"), "quit is still reachable by <C-c>")
        #expect(Self.table.footerHints(in: "log").map(\.key) == ["/", "q", "?", "n"])
    }

    @Test func conflictsWithinAScopeAreFound() {
        #expect(Self.table.conflicts().isEmpty)
        let clash = KeyBindingTable([
            KeyBinding(["x"], command: "a", help: "A"),
            KeyBinding(["y", "x"], command: "b", help: "B"),
            KeyBinding(["x"], command: "c", help: "C", scope: .pane("p")),
        ])
        let conflicts = clash.conflicts()
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.key == .character("x"))
        #expect(conflicts.first?.commands == ["a", "b"])
    }

    @Test func markdownListsEveryScopeAndEscapesTables() {
        let markdown = Self.table.markdown(title: "Key bindings", scopeTitles: ["resources": "Resources pane"])
        #expect(markdown.hasPrefix("# Key bindings\n"))
        #expect(markdown.contains("## Everywhere\n\n| Keys | Action | Read-only |\n| --- | --- | --- |\n| `q` `<C-c>` | Quit Firebreak | yes |"))
        #expect(markdown.contains("## Resources pane"))
        #expect(markdown.contains("| `c` | Contain the selected resource | no |"))
        #expect(markdown.contains("Quarantine \\| isolate"))
        #expect(markdown.contains("## log"))
        #expect(markdown.components(separatedBy: "## ").count == 4)
        // Global section first.
        let global = markdown.range(of: "## Everywhere")!.lowerBound
        let pane = markdown.range(of: "## Resources pane")!.lowerBound
        #expect(global < pane)
    }

    @Test func helpOverlayListsFocusedPaneThenGlobal() {
        let lines = HelpOverlay(table: Self.table, pane: "resources").lines()
        let text = lines.map { $0.map(\.text).joined() }
        #expect(text.first == "resources")
        #expect(text.contains("Everywhere"))
        #expect(text.contains { $0.hasPrefix("j/<Down>") && $0.hasSuffix("Next resource") })
        #expect(!text.contains { $0.contains("Search the log") })
        var canvas = Canvas(width: 60, height: 20)
        HelpOverlay(table: Self.table, pane: "resources").draw(into: &canvas, area: canvas.bounds)
        #expect(canvas.textSnapshot.contains("Contain the selected resource"))
        #expect(canvas.textSnapshot.contains("Keys"))
    }
}
