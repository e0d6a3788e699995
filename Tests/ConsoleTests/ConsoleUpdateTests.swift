import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

@Suite("Keys as messages: the model and the effects")
struct ConsoleUpdateTests {
    @Test func startsOnTheChecklistOfTheCurrentPhase() throws {
        let model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        #expect(model.focus == .checklist)
        #expect(model.selectedPhase == .containment)
        #expect(model.visibleChecklist.first?.id == "containment.automate")
    }

    @Test func tickingTheSelectedItemRecordsIt() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        #expect(model.press("x") == [.record(.checklistItemChanged(ChecklistItemChanged(item: "containment.automate", state: .done)))])
        #expect(model.pendingWrites == 1)
        // On an item already ticked, x un-ticks it.
        _ = model.press("j")
        #expect(model.press("<Space>") == [.record(.checklistItemChanged(ChecklistItemChanged(item: "containment.isolation-security-group", state: .open)))])
    }

    @Test func skippingAsksWhy() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        #expect(model.press("s").isEmpty)
        model.type("handled by the platform team")
        #expect(model.press("<Enter>") == [.record(.checklistItemChanged(ChecklistItemChanged(item: "containment.automate", state: .skipped, reason: "handled by the platform team")))])
        #expect(model.overlay == nil)
    }

    @Test func tabMovesTheFocusAndTheFooterFollows() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("<Tab>")
        #expect(model.focus == .log)
        _ = model.press("<Tab>")
        #expect(model.focus == .phases)
        #expect(model.screenText.contains("enter phase"))
        _ = model.press("<S-Tab>", "<S-Tab>")
        #expect(model.focus == .checklist)
        _ = model.press("2")
        #expect(model.focus == .resources)
        #expect(model.screenText.contains("contained"))
    }

    @Test func choosingAPhaseInTheTimelineShowsItsChecklistAndECanEnterIt() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("1", "j")
        #expect(model.selectedPhase == .troubleshooting)
        #expect(model.visibleChecklist.first?.id == "troubleshooting.what-when")
        #expect(model.press("e") == [.record(.phaseEntered(PhaseEntered(phase: .troubleshooting)))])
        // Entering the phase the incident is already in is refused inline, with nothing sent.
        _ = model.press("k")
        #expect(model.press("e").isEmpty)
        #expect(model.status?.text == "INC-7 is already in Containment")
        #expect(model.status?.isError == true)
    }

    @Test func thePhaseMenuEntersByNumber() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("P")
        #expect(model.screenText.contains("Enter which phase?"))
        #expect(model.press("5") == [.record(.phaseEntered(PhaseEntered(phase: .remediation)))])
    }

    @Test func addingAResourceInfersItsKindAndAsksItsState() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("a")
        model.type("i-zz")
        #expect(model.press("<Enter>").isEmpty)
        // Inline error, prompt still open with the text kept.
        guard case .prompt(let form) = model.overlay else { Issue.record("prompt closed"); return }
        #expect(form.prompt.error?.contains("cannot tell what kind of resource 'i-zz' is") == true)
        #expect(model.screenText.contains("cannot tell what kind"))
        _ = model.press("<C-u>")
        model.type("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0")
        #expect(model.press("<Enter>").isEmpty)
        #expect(model.screenText.contains("State of arn:aws:ec2"))
        let effects = model.press("<Enter>")   // the preselected state: compromised
        #expect(effects == [.record(.resourceAdded(ResourceAdded(
            id: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0", kind: .securityGroup,
            region: "us-east-1", account: "123456789012", state: .compromised)))])
    }

    @Test func namesTakeAKindWord() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("a")
        model.type("s3-bucket exfil-drop")
        _ = model.press("<Enter>")
        #expect(model.press("1") == [.record(.resourceAdded(ResourceAdded(id: "exfil-drop", kind: .s3Bucket, region: "us-east-1", account: "123456789012", state: .suspected)))])
    }

    @Test func resourcesSortMostUrgentFirstAndChangeState() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("2")
        #expect(model.visibleResources.map(\.state) == [.compromised, .suspected, .suspected, .contained])
        #expect(model.selectedResource?.id == "AKIAIOSFODNN7EXAMPLE")
        #expect(model.press("c") == [.record(.resourceStateChanged(ResourceStateChanged(resource: "AKIAIOSFODNN7EXAMPLE", from: .compromised, to: .contained)))])
        _ = model.press("s")
        #expect(model.press("4") == [.record(.resourceStateChanged(ResourceStateChanged(resource: "AKIAIOSFODNN7EXAMPLE", from: .compromised, to: .eradicated)))])
        _ = model.press("/")
        model.type("vol-")
        _ = model.press("<Enter>")
        #expect(model.visibleResources.map(\.id) == ["vol-0a1b2c3d4e5f60718"])
        _ = model.press("o")
        #expect(model.resourceSort == .kind)
    }

    @Test func readOnlyHasNoBindingThatChangesAnything() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40), mode: .readOnly)
        for spelling in ["x", "<Space>", "s", "u", "A", "n", "a", "P", "C", "O", "c", "e"] {
            for pane in ["1", "2", "3", "4"] {
                _ = model.press(pane)
                #expect(model.press(spelling).isEmpty, "\(spelling) in pane \(pane)")
                _ = model.press("<Esc>")
            }
        }
        #expect(model.bindings.bindings.allSatisfy { !$0.mutates })
        #expect(model.screenText.contains("READ-ONLY"))
        let footer = model.screenText.split(separator: "\n").last ?? ""
        #expect(footer.contains("help") && !footer.contains("tick") && !footer.contains("note"))
    }

    @Test func newEventsAppearInTheLogAndPausingKeepsThePlace() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        var events = ConsoleFixtures.events()
        let newer = Event(incident: IncidentID(rawValue: 7), seq: 13, at: ConsoleFixtures.now, recordedAt: ConsoleFixtures.now,
                          actor: "dave", payload: .noteAdded(NoteAdded(text: "CreateUser seen from the attacker's IP")))
        events.append(RecordedEvent(event: newer, body: "{}", prevHash: "", hash: ""))
        _ = model.press("4", "k")
        #expect(!model.logFollow)
        _ = model.update(.appended(try IncidentState.replaying(events.map(\.event)), [events.last!]))
        #expect(model.logUnseen == 1)
        #expect(model.screenText.contains("↓ 1 new"))
        _ = model.press("G")
        #expect(model.logFollow && model.logUnseen == 0)
        #expect(model.screenText.contains("dave: note: CreateUser seen from the attacker's IP"))
        _ = model.press("/")
        model.type("CreateUser")
        _ = model.press("<Enter>")
        #expect(model.visibleLogLines.map(\.seq) == [13])
    }

    @Test func quitAsksOnlyWhileAWriteIsRunning() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("n")
        model.type("writing")
        _ = model.press("<Enter>")
        #expect(model.pendingWrites == 1)
        _ = model.press("q")
        #expect(!model.shouldQuit)
        #expect(model.screenText.contains("still running"))
        _ = model.press("n")
        #expect(!model.shouldQuit)
        _ = model.update(.writeFinished(error: nil))
        _ = model.press("q")
        #expect(model.shouldQuit)
    }

    @Test func escClosesEveryOverlay() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        for opener in ["?", "n", "a", "P", "A", "<Enter>"] {
            _ = model.press(opener)
            #expect(model.overlay != nil, "\(opener)")
            _ = model.press("<Esc>")
            #expect(model.overlay == nil, "\(opener)")
        }
    }

    @Test func aRefusedWriteShowsItsReason() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.update(.writeFinished(error: "the database is read-only"))
        #expect(model.screenText.contains("the database is read-only"))
    }

    @Test func hostileTextNeverReachesTheCanvasAsControlCharacters() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        var events = ConsoleFixtures.events()
        let evil = Event(incident: IncidentID(rawValue: 7), seq: 13, at: ConsoleFixtures.now, recordedAt: ConsoleFixtures.now,
                         actor: "x\u{1B}[31m", payload: .resourceAdded(ResourceAdded(id: "evil", kind: .s3Bucket, owner: "\u{1B}]0;pwned\u{07}\u{9B}2J", state: .compromised)))
        events.append(RecordedEvent(event: evil, body: "{}", prevHash: "", hash: ""))
        _ = model.update(.appended(try IncidentState.replaying(events.map(\.event)), [events.last!]))
        let canvas = ConsoleView.render(model)
        for cell in canvas.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func theKeyBindingsDocumentIsCurrent() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/KEYBINDINGS.md")
        let expected = ConsoleBindings.markdown
        if ProcessInfo.processInfo.environment["FIREBREAK_RECORD_SNAPSHOTS"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == expected, "docs/KEYBINDINGS.md is stale: run `firebreak keybindings > docs/KEYBINDINGS.md`")
        #expect(ConsoleBindings.table.conflicts().isEmpty)
    }

    @Test func aClickFocusesThePaneAndSelectsTheRowTheWheelScrolls() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        let layout = ConsoleScreenLayout(size: model.size, focus: model.focus)
        let resources = layout.panes[PaneID.resources.rawValue]
        // Third row of the resources pane (inside the frame).
        _ = model.update(.key(.mouse(MouseEvent(button: .left, action: .press, x: resources.x + 3, y: resources.y + 3))))
        #expect(model.focus == .resources)
        #expect(model.resourceList.selection == 2)
        #expect(model.selectedResource?.id == model.visibleResources[2].id)
        let log = layout.panes[PaneID.log.rawValue]
        _ = model.update(.key(.mouse(MouseEvent(button: .wheelUp, x: log.x + 2, y: log.y + 2))))
        #expect(model.focus == .log)
        #expect(model.logScroll == 1 && !model.logFollow)
    }

    @Test func thePickerListsIncidentsAndEnterLoadsOne() throws {
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 120, height: 40), now: ConsoleFixtures.now)
        let incidents = [3, 1].map { number in
            IncidentSummary(id: IncidentID(rawValue: number), title: "incident \(number)", severity: Severity(rawValue: 2)!, status: .open,
                            phase: .detection, openedAt: ConsoleFixtures.opened, closedAt: nil, updatedAt: ConsoleFixtures.now, eventCount: 4)
        }
        _ = model.update(.incidents(incidents))
        #expect(model.screenText.contains("Open incidents"))
        #expect(model.screenText.contains("INC-3   SEV2  Detection        incident 3"))
        _ = model.press("j")
        #expect(model.press("<Enter>") == [.load(IncidentID(rawValue: 1))])
    }

    @Test func aClosedIncidentRefusesChangesUntilReopened() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("C", "2")   // AKIAIOSFODNN7EXAMPLE is still compromised: close anyway
        model.type("rotated everything")
        #expect(model.press("<Enter>") == [.record(.incidentClosed(IncidentClosed(resolution: "rotated everything")))])
        var events = ConsoleFixtures.events()
        let close = Event(incident: IncidentID(rawValue: 7), seq: 13, at: ConsoleFixtures.now, recordedAt: ConsoleFixtures.now,
                          actor: "alice", payload: .incidentClosed(IncidentClosed(resolution: "rotated everything")))
        events.append(RecordedEvent(event: close, body: "{}", prevHash: "", hash: ""))
        _ = model.update(.writeFinished(error: nil))
        _ = model.update(.appended(try IncidentState.replaying(events.map(\.event)), [events.last!]))
        #expect(model.screenText.contains("closed"))
        #expect(model.press("x").isEmpty)
        #expect(model.status?.text == "the incident is closed: R reopens it")
        #expect(model.press("R") == [.record(.incidentReopened(IncidentReopened()))])
    }
}
