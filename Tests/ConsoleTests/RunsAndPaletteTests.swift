import Foundation
@testable import Console
import IncidentModel
import IncidentStore
import TerminalUI
import Testing

/// The runs overlay (`X`) and its undo, the Recovery item's undo one
/// resource at a time, the plan overlay that wraps and scrolls, and the
/// command palette (`:`), each through `update` as keys drive it.
@Suite("Runs, undo, the plan overlay and the command palette in the console")
struct RunsAndPaletteTests {
    static let instance = "i-0123456789abcdef0"
    static let volume = "vol-0a1b2c3d4e5f60718"

    static func change(_ resource: String) -> ActionStepRecord {
        ActionStepRecord(resource: resource, step: "isolate", stage: "change",
                         argv: ["ec2", "modify-instance-attribute", "--instance-id", resource, "--groups", "sg-0123456789abcdef0"],
                         outcome: .succeeded, exitCode: 0, durationMs: 250)
    }

    /// The fixture incident with three runs: run-1 isolated the instance and
    /// the volume's snapshot (two resources), run-2 was refused before any
    /// change, run-3 only read AWS.
    static func model(size: Size = Size(width: 160, height: 50), then extra: [EventPayload] = []) throws -> ConsoleModel {
        var events = ConsoleFixtures.events()
        let last = events.last!.event
        let payloads: [EventPayload] = [
            .actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.isolate", risk: .reversible, resources: [instance, volume])),
            .actionStepFinished(ActionStepFinished(runID: "run-1", step: change(instance))),
            .actionStepFinished(ActionStepFinished(runID: "run-1", step: change(volume))),
            .actionRunFinished(ActionRunFinished(runID: "run-1", status: .succeeded, results: [])),
            .actionRunStarted(ActionRunStarted(runID: "run-2", action: "ec2.stop", risk: .reversible, resources: [instance])),
            .actionRunFinished(ActionRunFinished(runID: "run-2", status: .failed, results: [], error: "no completed snapshot covers vol-1")),
            .actionRunStarted(ActionRunStarted(runID: "run-3", action: "ec2.describe", risk: .readOnly, resources: [instance])),
            .actionRunFinished(ActionRunFinished(runID: "run-3", status: .succeeded, results: [])),
        ] + extra
        for payload in payloads {
            let event = Event(incident: last.incident, seq: Int64(events.count + 1), at: last.at, recordedAt: last.recordedAt, actor: "bob", payload: payload)
            events.append(RecordedEvent(event: event, body: try payload.encodedBody(), prevHash: "", hash: ""))
        }
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: size, now: ConsoleFixtures.now)
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        return model
    }

    @Test func theRunsOverlayListsEveryRunAndUndoesOnlyWhatCanBe() throws {
        var model = try Self.model()
        #expect(model.press("X").isEmpty)
        guard case .runs = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        let screen = model.screenText
        // Newest first, each with its status, steps, who, and whether it can be undone and why not.
        let rows = ["run-3", "run-2", "run-1"].map { id in screen.split(separator: "\n").first { $0.contains(id + " ") }.map(String.init) ?? "" }
        #expect(rows[0].contains("ec2.describe") && rows[0].contains("no undo: run-3 (ec2.describe) only read AWS"), "\(rows[0])")
        #expect(rows[1].contains("failed") && rows[1].contains("0/0") && rows[1].contains("no undo: nothing to undo"), "\(rows[1])")
        #expect(rows[2].contains("succeeded") && rows[2].contains("2/2") && rows[2].contains("bob") && rows[2].contains("u undoes"), "\(rows[2])")
        #expect(rows[2].contains("\(Self.instance) +1"))
        #expect(screen.range(of: "run-3 ")!.lowerBound < screen.range(of: "run-1 ")!.lowerBound)

        // u on the refused run says why, and plans nothing.
        #expect(model.press("j", "u").isEmpty)
        #expect(model.status?.text.contains("run-2: nothing to undo: run-2 (ec2.stop) made no change") == true, "\(model.status?.text ?? "")")
        // Enter shows a run's steps; u on run-1 asks for its undo's plan (the same flow as a run).
        _ = model.press("j", "<Enter>")
        guard case .details(let title, let lines) = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        #expect(title == "run-1 · ec2.isolate")
        #expect(lines.contains("    aws ec2 modify-instance-attribute --instance-id \(Self.instance) --groups sg-0123456789abcdef0"), "\(lines)")
        _ = model.press("<Esc>", "X", "<End>")
        #expect(model.press("u") == [.previewUndo(run: "run-1")])
        _ = model.update(.actionPreviewed(ActionPreview(action: "undo ec2.isolate", resources: [Self.instance], lines: ["Undo run-1"],
                                                        confirmationText: nil, undoes: "run-1")))
        #expect(model.press("<Enter>") == [.awsWork(.undo(run: "run-1"))])
    }

    /// A run left `running` by a process that is gone: the runs view asks the store worker (`judgeRuns`), then
    /// shows it interrupted, as `show` does, and `u` plans its undo instead of refusing "still running".
    @Test func aRunWhoseProcessEndedShowsInterruptedAndCanBeUndone() throws {
        var model = try Self.model()
        let last = try #require(model.state).lastSeq
        let started = EventPayload.actionRunStarted(ActionRunStarted(runID: "run-4", action: "ec2.isolate", risk: .reversible,
                                                                     resources: [Self.instance], process: RunProcess(host: "here", pid: 4242, bootID: nil)))
        let step = EventPayload.actionStepFinished(ActionStepFinished(runID: "run-4", step: Self.change(Self.instance)))
        var state = try #require(model.state)
        var events: [RecordedEvent] = []
        for (offset, payload) in [started, step].enumerated() {
            let event = Event(incident: state.incident.id, seq: last + Int64(offset) + 1, at: ConsoleFixtures.now, recordedAt: ConsoleFixtures.now,
                              actor: "bob", payload: payload)
            state.apply(event)
            events.append(RecordedEvent(event: event, body: try payload.encodedBody(), prevHash: "", hash: ""))
        }
        _ = model.update(.appended(state, events))
        #expect(model.press("X") == [.judgeRuns])
        func row() -> String { model.screenText.split(separator: "\n").first { $0.contains("run-4 ") }.map(String.init) ?? "" }
        #expect(row().contains("running"), "\(row())")
        #expect(model.press("u").isEmpty)
        #expect(model.status?.text.contains("still running") == true, "\(model.status?.text ?? "")")

        // The store worker's answer: its process is gone.
        _ = model.update(.runsJudged(ended: ["run-4"]))
        #expect(row().contains("interrupted") && row().contains("u undoes"), "\(row())")
        #expect(model.press("u") == [.previewUndo(run: "run-4")])
        // Judged again every few seconds while a run is recorded running and not yet judged ended; not once it is.
        #expect(!model.update(.tick(ConsoleFixtures.now.addingTimeInterval(60))).contains(.judgeRuns))
    }

    @Test func recoveryOffersEachContainedResourceOfAnUndoableRunAlone() throws {
        var model = try Self.model()
        let effects = model.run(.undoRun)
        #expect(effects.isEmpty)
        guard case .choice(let menu) = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        // run-1 once a resource, undoing that one alone; the refused and the read-only runs are not offered.
        #expect(menu.options == ["\(Self.instance)  ec2.isolate  run-1 (this one only; 1 other stays)",
                                 "\(Self.volume)  ec2.isolate  run-1 (this one only; 1 other stays)"])
        #expect(model.press("2") == [.previewUndo(run: "run-1", resources: [Self.volume])])
        // The plan confirmed: the undo of that resource alone.
        _ = model.update(.actionPreviewed(ActionPreview(action: "undo ec2.isolate", resources: [Self.volume], lines: ["Undo run-1"],
                                                        confirmationText: nil, undoes: "run-1", undoResources: [Self.volume])))
        #expect(model.press("<Enter>") == [.awsWork(.undo(run: "run-1", resources: [Self.volume]))])
    }

    /// Once an undo put back one resource of run-1, Recovery offers only the other, the runs overlay says how
    /// much is undone, and `u` there undoes the rest.
    @Test func aPartlyUndoneRunOffersOnlyWhatIsLeft() throws {
        var model = try Self.model(then: [
            .actionRunStarted(ActionRunStarted(runID: "run-4", action: "ec2.isolate", risk: .reversible, resources: [Self.volume], undoes: "run-1")),
            .actionRunFinished(ActionRunFinished(runID: "run-4", status: .succeeded, results: [])),
        ])
        _ = model.run(.undoRun)
        guard case .choice(let menu) = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        #expect(menu.options == ["\(Self.instance)  ec2.isolate  run-1"])
        _ = model.press("<Escape>")
        let row = try #require(model.runRows.first { $0.run.runID == "run-1" })
        #expect(row.undoText == "1 of 2 undone, u undoes the rest")
        #expect(RunsView.details(of: row).contains("         \(Self.volume) undone by run-4"))
    }

    @Test func anItemsActionOffersEveryResourceOfItsKindMostRelevantFirst() throws {
        var model = try Self.model()
        let choice = ActionChoice(id: "ec2.snapshot", summary: "Snapshot", risk: "read-only")
        let resources = [Self.instance, "i-0fedcba9876543210", "i-0aaaaaaaaaaaaaaaa"].enumerated().map { index, id in
            Resource(id: id, kind: .ec2Instance, state: [.compromised, .suspected, .contained][index], addedAt: ConsoleFixtures.now, addedBy: "bob")
        }
        _ = model.update(.actionTargets(choice, resources: resources))
        guard case .choice(let menu) = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        #expect(menu.options.count == 4)
        #expect(menu.options[0].hasPrefix("every compromised or suspected one (2)"))
        #expect(menu.options[3].contains("contained") && menu.options[3].contains("i-0aaaaaaaaaaaaaaaa"))
        #expect(model.press("4") == [.previewAction("ec2.snapshot", resources: ["i-0aaaaaaaaaaaaaaaa"])])
    }

    @Test func thePlanOverlayWrapsAndScrollsToEveryArgument() throws {
        var model = try Self.model(size: Size(width: 80, height: 24))
        let arguments = (1...40).map { "--tag-\($0) value-\($0)" }.joined(separator: " ")
        let lines = ["ec2.isolate (reversible) on \(Self.instance)", "  \(Self.instance), change:"]
            + (1...12).map { "    aws ec2 create-tags --resources \(Self.instance) --step \($0) \(arguments) --output json --region us-east-1" }
        _ = model.update(.actionPreviewed(ActionPreview(action: "ec2.isolate", resources: [Self.instance], lines: lines, confirmationText: nil)))
        var seen = Set<String>()
        var previous = ""
        for _ in 0..<200 {
            let screen = model.screenText
            // No line runs past the screen's edge, and the text is all there: every word of it is found by scrolling.
            #expect(screen.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 80 })
            for word in screen.split(whereSeparator: { " │║┃".contains($0) }) { seen.insert(String(word)) }
            if screen == previous { break }
            previous = screen
            _ = model.press("<PageDown>")
        }
        for step in 1...12 { #expect(seen.contains("\(step)"), "step \(step)") }
        #expect(seen.contains("--tag-40") && seen.contains("value-40") && seen.contains("us-east-1"))
        // Back to the top, and Enter still runs it.
        _ = model.press("g")
        #expect(model.screenText.contains("ec2.isolate (reversible) on \(Self.instance)"))
        #expect(model.press("<Enter>") == [.runAction("ec2.isolate", resources: [Self.instance], parameters: [:])])
    }

    @Test func theWrapKeepsEveryCharacterAndWords() {
        let line = "    aws ec2 create-tags --resources i-0123 --tags Key=a,Value=" + String(repeating: "x", count: 70) + " --output json"
        let pieces = PlanOverlay.wrap(line, width: 40)
        #expect(pieces.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(pieces)")
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 10)) })
        // Cut after a space (a word stays whole), so the pieces, their indentation taken off, are the line again.
        #expect(([pieces[0]] + pieces.dropFirst().map { String($0.dropFirst(10)) }).joined() == line)
    }

    @Test func thePaletteListsEveryCommandOfTheTableAndRunsTheOneSearchedFor() throws {
        var model = try Self.model()
        _ = model.press(":")
        guard case .palette(let palette) = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        let listed = palette.shown(in: model.bindings, replay: false)
        // Everything the command line alone had is there, and nothing the table lacks.
        for command: ConsoleCommand in [.verifyContainment, .undoRun, .writeReport, .auditReadiness, .addFollowUp, .showRuns] {
            #expect(listed.contains { $0.command == command }, "\(command)")
        }
        #expect(listed.allSatisfy { binding in model.bindings.bindings.contains(binding) })
        // Typing narrows it (q and j are text here, not quit and down); Enter runs the one selected.
        model.type("verify cont")
        guard case .palette(let narrowed) = model.overlay else { Issue.record("palette closed while typing"); return }
        #expect(narrowed.shown(in: model.bindings, replay: false).map(\.command) == [.verifyContainment])
        #expect(model.screenText.contains("Verify every containment still holds"))
        #expect(model.press("<Enter>") == [.awsWork(.verifyContainment)])
        #expect(model.overlay == nil)

        // A pane's command from anywhere: the palette focuses its pane first.
        _ = model.press(":")
        model.type("pin the selected line")
        _ = model.press("<Enter>")
        #expect(model.focus == .log)
        // Backspace widens again; Esc closes without running anything.
        _ = model.press(":")
        model.type("zzzz")
        #expect(model.screenText.contains("No command matches"))
        for _ in 0..<4 { _ = model.press("<BS>") }
        guard case .palette(let widened) = model.overlay else { Issue.record("palette closed"); return }
        #expect(widened.shown(in: model.bindings, replay: false).count == listed.count)
        #expect(model.press("<Esc>").isEmpty && model.overlay == nil)
    }

    /// Every command the palette lists runs from it without trapping, and
    /// the palette closes for it (the palette-only ones have no key to press).
    @Test func everyPaletteCommandRunsFromThePalette() throws {
        let count = CommandPalette.entries(in: ConsoleBindings.table, replay: false).count
        #expect(count > 50)
        for index in 0..<count {
            var model = try Self.model()
            _ = model.press(":")
            for _ in 0..<index { _ = model.press("<Down>") }
            guard case .palette(let palette) = model.overlay else { Issue.record("no palette"); return }
            let binding = palette.shown(in: model.bindings, replay: false)[palette.list.selection!]
            _ = model.press("<Enter>")
            if case .palette = model.overlay { Issue.record("\(binding.command) left the palette open") }
        }
    }

    @Test func aReadOnlyPaletteOffersNothingThatWrites() throws {
        var model = ConsoleModel(mode: .readOnly, operatorName: "alice", size: Size(width: 160, height: 50), now: ConsoleFixtures.now)
        let events = ConsoleFixtures.events()
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        _ = model.press(":")
        guard case .palette(let palette) = model.overlay else { Issue.record("\(String(describing: model.overlay))"); return }
        let listed = palette.shown(in: model.bindings, replay: false)
        #expect(!listed.isEmpty && listed.allSatisfy { !$0.mutates })
        #expect(!listed.contains { $0.command == .verifyContainment })
    }
}
