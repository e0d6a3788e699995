import Foundation
import Testing
@testable import TerminalUI

@Suite("Key-binding table")
struct KeyBindingTableTests {
    enum Command: Hashable, Sendable { case quit, help, focusNext, addNote, contain, next, quarantine, search }
    enum Scope: Hashable, Sendable { case global, resources, log }
    /// A requirement checked against a plain value standing in for the console's model.
    enum Needs: KeyBindingRequirement {
        case selection
        func unmetReason(in selected: String?) -> String? { selected == nil ? "nothing selected" : nil }
        var unavailableWhen: String { "nothing is selected" }
    }
    typealias Table = KeyBindingTable<Command, Scope, Needs>

    static let table = Table([
        .init(["q", "<C-c>"], command: .quit, help: "Quit Firebreak", scope: .global, footer: "quit"),
        .init(["?"], command: .help, help: "Show all keys", scope: .global, footer: "help"),
        .init(["<Tab>"], command: .focusNext, help: "Next pane", scope: .global),
        .init(["n"], command: .addNote, help: "Add a note", scope: .global, mutates: true, footer: "note"),
        .init(["c"], command: .contain, help: "Contain the selected resource", scope: .resources, mutates: true, footer: "contain",
              requires: [.selection]),
        .init(["j", "<Down>"], command: .next, help: "Next resource", scope: .resources),
        .init(["q"], command: .quarantine, help: "Quarantine | isolate", scope: .resources, mutates: true),
        .init(["/"], command: .search, help: "Search the log", scope: .log, footer: "search"),
    ])

    @Test func theFirstScopeWins() {
        #expect(Self.table.resolve(.character("q"), in: [.resources, .global])?.command == .quarantine)
        #expect(Self.table.resolve(.character("q"), in: [.log, .global])?.command == .quit)
        #expect(Self.table.resolve(.character("q"), in: [.global])?.command == .quit)
        #expect(Self.table.resolve(.ctrl("c"), in: [.resources, .global])?.command == .quit)
        #expect(Self.table.resolve(.down, in: [.resources, .global])?.command == .next)
        #expect(Self.table.resolve(.down, in: [.log, .global]) == nil)
        #expect(Self.table.resolve(.character("c"), in: [.log, .global]) == nil)
    }

    @Test func readOnlyDropsEverythingThatChangesTheIncident() {
        let readOnly = Self.table.readOnly()
        #expect(readOnly.resolve(.character("n"), in: [.global]) == nil)
        #expect(readOnly.resolve(.character("c"), in: [.resources, .global]) == nil)
        // With the pane's mutating `q` gone, the global quit is reachable again.
        #expect(readOnly.resolve(.character("q"), in: [.resources, .global])?.command == .quit)
        #expect(readOnly.bindings.allSatisfy { !$0.mutates })
        #expect(readOnly.footerHints(in: [.resources, .global], context: "i-1").map(\.label) == ["quit", "help"])
    }

    @Test func footerHintsListPaneBindingsFirstAndSkipShadowedOnes() {
        #expect(Self.table.footerHints(in: [.resources, .global], context: "i-1") == [
            KeyHint(key: "c", label: "contain"), KeyHint(key: "q", label: "quit"),
            KeyHint(key: "?", label: "help"), KeyHint(key: "n", label: "note"),
        ])
        #expect(Self.table.active(in: [.resources, .global]).map(\.command).contains(.quit), "quit is still reachable by <C-c>")
        #expect(Self.table.footerHints(in: [.log, .global], context: nil).map(\.key) == ["/", "q", "?", "n"])
    }

    @Test func anUnmetRequirementSaysWhyAndDimsTheHint() {
        let contain = Self.table.resolve(.character("c"), in: [.resources, .global])!
        #expect(contain.disabledReason(in: nil) == "nothing selected")
        #expect(contain.disabledReason(in: "i-1") == nil)
        #expect(contain.unavailableWhen == "nothing is selected")
        #expect(Self.table.footerHints(in: [.resources, .global], context: nil).first == KeyHint(key: "c", label: "contain", available: false))
    }

    @Test func conflictsWithinAScopeAreFound() {
        #expect(Self.table.conflicts().isEmpty)
        let clash = Table([
            .init(["x"], command: .quit, help: "A", scope: .global),
            .init(["y", "x"], command: .help, help: "B", scope: .global),
            .init(["x"], command: .next, help: "C", scope: .log),
        ])
        let conflicts = clash.conflicts()
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.key == .character("x"))
        #expect(conflicts.first?.commands == [.quit, .help])
    }

    @Test func markdownListsEveryScopeAndEscapesTables() {
        let markdown = Self.table.markdown(title: "Key bindings", scopeTitle: { $0 == .global ? "Everywhere" : $0 == .resources ? "Resources pane" : "log" })
        #expect(markdown.hasPrefix("# Key bindings\n"))
        #expect(markdown.contains("## Everywhere\n\n| Keys | Action | Unavailable when | Read-only |\n| --- | --- | --- | --- |\n| `q` `<C-c>` | Quit Firebreak |  | yes |"))
        #expect(markdown.contains("## Resources pane"))
        #expect(markdown.contains("| `c` | Contain the selected resource | nothing is selected | no |"))
        #expect(markdown.contains("Quarantine \\| isolate"))
        #expect(markdown.contains("## log"))
        #expect(markdown.components(separatedBy: "## ").count == 4)
        // Global section first.
        let global = markdown.range(of: "## Everywhere")!.lowerBound
        let pane = markdown.range(of: "## Resources pane")!.lowerBound
        #expect(global < pane)
    }

    @Test func helpOverlayListsFocusedPaneThenGlobalAndWhyAKeyIsUnavailable() throws {
        let overlay = HelpOverlay(table: Self.table, sections: [(.resources, "resources"), (.global, "Everywhere")], context: nil)
        let text = overlay.lines().map { $0.map(\.text).joined() }
        #expect(text.first == "resources")
        #expect(text.contains("Everywhere"))
        #expect(text.contains { $0.hasPrefix("j/<Down>") && $0.hasSuffix("Next resource") })
        let contain = try #require(text.firstIndex { $0.hasPrefix("c ") && $0.hasSuffix("Contain the selected resource") })
        #expect(text[contain + 1].trimmingCharacters(in: .whitespaces) == "now: nothing selected")
        #expect(!text.contains { $0.contains("Search the log") })
        var canvas = Canvas(width: 70, height: 20)
        overlay.draw(into: &canvas, area: canvas.bounds)
        #expect(canvas.textSnapshot.contains("Contain the selected resource"))
        #expect(canvas.textSnapshot.contains("Keys"))
    }
}
