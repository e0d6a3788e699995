import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import Testing
import TerminalUI

/// The console's safety and keys, at the model: a pre-filled prompt replaced by
/// typing, keys typed ahead of a menu reaching it, `q` in the picker, closing
/// with resources still compromised, undoing a one-key change, a closed incident,
/// and quitting a drill.
@Suite("Keys, prompts and safety in the console")
struct KeysAndPromptsTests {
    static let size = Size(width: 160, height: 50)

    /// The fixture with `more` events after it (appended as the store would answer).
    static func model(after more: [(EventPayload, String)] = [], operatorName: String = "alice") throws -> ConsoleModel {
        var events = ConsoleFixtures.events()
        for (payload, actor) in more {
            let seq = Int64(events.count + 1)
            let at = ConsoleFixtures.now.addingTimeInterval(Double(seq))
            events.append(RecordedEvent(event: Event(incident: IncidentID(rawValue: 7), seq: seq, at: at, recordedAt: at, actor: actor, payload: payload),
                                        body: "{}", prevHash: "", hash: ""))
        }
        var model = ConsoleModel(mode: .live, operatorName: operatorName, size: size, now: ConsoleFixtures.now)
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        return model
    }

    // MARK: - Pre-filled prompts

    /// `W`, commander, pre-filled `alice`: typing `alice` gives `alice`, not `alicealice`.
    @Test func typingReplacesAPrefilledValue() throws {
        var model = try Self.model()
        _ = model.press("W", "1")
        guard case .prompt(let form) = model.overlay else { Issue.record("no prompt"); return }
        #expect(form.prompt.text == "alice" && form.prompt.isSelected)
        model.type("alice")
        #expect(model.press("<Enter>") == [.record(.roleAssigned(RoleAssigned(role: .commander, operatorName: "alice")))])
    }

    /// The arrows and End keep the pre-filled value to edit; Backspace on it clears it whole.
    @Test func movingKeepsAPrefilledValueAndBackspaceClearsIt() {
        var prompt = Prompt(label: "Name: ", text: "alice")
        prompt.handle(.end)
        for character in "-oncall" { prompt.handle(.character(character)) }
        #expect(prompt.text == "alice-oncall")
        var left = Prompt(text: "alice")
        left.handle(.left)
        left.handle(.character("x"))
        #expect(left.text == "alicxe")
        var cleared = Prompt(text: "alice")
        cleared.handle(.backspace)
        #expect(cleared.text.isEmpty)
        cleared.handle(.character("b"))
        #expect(cleared.text == "b")
        // A paste replaces it too; Enter keeps it as it is.
        var pasted = Prompt(text: "old")
        pasted.insert("new")
        #expect(pasted.text == "new")
        var kept = Prompt(text: "kept")
        #expect(kept.handle(.enter) == .submitted("kept"))
    }

    // MARK: - Keys typed ahead

    static let choices = [ActionChoice(id: "ec2.isolate", summary: "isolate", risk: "reversible"),
                          ActionChoice(id: "ec2.snapshot", summary: "snapshot", risk: "read-only")]

    /// `a` then `1` typed together: the `1` waits for the menu and chooses its first action, instead of focusing the phases.
    @Test func keysTypedWhileTheMenuOpensGoToTheMenu() throws {
        var model = try Self.model()
        let asked = model.press("2", "a")
        guard case .listActions(let resources) = asked.first else { Issue.record("a asked for nothing: \(asked)"); return }
        #expect(model.press("1").isEmpty)
        #expect(model.focus == .resources)
        let effects = model.update(.actionsAvailable(resources: resources, Self.choices))
        #expect(effects == [.previewAction("ec2.isolate", resources: resources)])
        #expect(model.focus == .resources)
        // Enter typed before the plan arrives is held for the plan, and runs it once it is shown.
        #expect(model.press("<Enter>").isEmpty)
        let preview = ActionPreview(action: "ec2.isolate", resources: resources, lines: ["aws ec2 …"], confirmationText: nil)
        #expect(model.update(.actionPreviewed(preview)) == [.runAction("ec2.isolate", resources: resources)])
    }

    /// An item's `r` then `2` typed together: the `2` waits for the menu of the action's targets and chooses there
    /// (before, the menu opened and the key stayed held until its deadline dropped it).
    @Test func keysTypedWhileTheTargetsMenuOpensGoToIt() throws {
        var model = try Self.model()
        _ = model.press("3", "g", "j")
        #expect(model.press("r") == [.offerAction("ec2.isolate")])
        #expect(model.press("2").isEmpty)
        let choice = ActionChoice(id: "ec2.isolate", summary: "isolate", risk: "reversible")
        let resources = ["i-0123456789abcdef0", "i-0fedcba9876543210"].map {
            Resource(id: $0, kind: .ec2Instance, state: .compromised, addedAt: ConsoleFixtures.now, addedBy: "bob")
        }
        // Option 1 is both at once, then one option a resource: 2 is the first instance.
        #expect(model.update(.actionTargets(choice, resources: resources)) == [.previewAction("ec2.isolate", resources: ["i-0123456789abcdef0"])])
        #expect(!model.typeAhead.isWaiting || model.typeAhead.held.isEmpty)
    }

    /// An answer that opens nothing (no action applies) drops the held keys, saying so, rather than sending them elsewhere.
    @Test func keysHeldForAnAnswerThatOpensNothingAreNotMisrouted() throws {
        var model = try Self.model()
        _ = model.press("2", "a", "1")
        _ = model.update(.actionsAvailable(resources: ["i-0123456789abcdef0"], []))
        #expect(model.focus == .resources && model.overlay == nil)
        #expect(model.status?.text.contains("keys typed while waiting were not used: 1") == true)
    }

    /// A lost answer does not swallow keys for ever: after the deadline keys work again.
    @Test func aLostAnswerHoldsKeysOnlyUntilItsDeadline() throws {
        var model = try Self.model()
        _ = model.press("2", "a", "1")
        #expect(model.focus == .resources)
        _ = model.update(.tick(ConsoleFixtures.now.addingTimeInterval(TypeAhead.patience + 1)))
        #expect(model.status?.text.contains("no answer came within") == true)
        _ = model.press("1")
        #expect(model.focus == .phases)
    }

    // MARK: - The picker

    /// With an incident behind it, `q` in the picker closes the picker, not the console.
    @Test func qInThePickerClosesThePickerWhenAnIncidentIsLoaded() throws {
        var model = try Self.model()
        #expect(model.press("I") == [.listIncidents])
        let summary = IncidentSummary(id: IncidentID(rawValue: 8), title: "other", severity: Severity(rawValue: 3)!, status: .open, phase: .detection,
                                      openedAt: ConsoleFixtures.opened, closedAt: nil, updatedAt: ConsoleFixtures.now, eventCount: 2)
        _ = model.update(.incidents([summary]))
        guard case .picker = model.overlay else { Issue.record("no picker"); return }
        _ = model.press("q")
        #expect(model.overlay == nil && !model.shouldQuit)
        // With nothing loaded, `q` still quits.
        var empty = ConsoleModel(mode: .live, operatorName: "alice", size: Self.size, now: ConsoleFixtures.now)
        _ = empty.update(.incidents([summary]))
        _ = empty.press("q")
        #expect(empty.shouldQuit)
    }

    // MARK: - Closing

    /// Closing with a resource still compromised asks first, naming it; keeping it open records nothing.
    @Test func closingWithACompromisedResourceAsksFirst() throws {
        var model = try Self.model()
        _ = model.press("C")
        guard case .choice(let menu) = model.overlay else { Issue.record("C did not ask"); return }
        #expect(menu.title == "Still compromised: AKIAIOSFODNN7EXAMPLE" && menu.purpose == .closeDespiteCompromised(["AKIAIOSFODNN7EXAMPLE"]))
        #expect(model.screenText.contains("Close anyway"))
        #expect(model.press("1").isEmpty && model.overlay == nil)
        _ = model.press("C", "2")
        model.type("rotated")
        #expect(model.press("<Enter>") == [.record(.incidentClosed(IncidentClosed(resolution: "rotated")))])
        // Nothing compromised: straight to the resolution.
        var contained = try Self.model(after: [(.resourceStateChanged(ResourceStateChanged(resource: "AKIAIOSFODNN7EXAMPLE", from: .compromised, to: .contained)), "bob")])
        _ = contained.press("C")
        guard case .prompt(let form) = contained.overlay else { Issue.record("no resolution prompt"); return }
        #expect(form.purpose == .closeIncident)
    }

    /// With findings AWS can be told are resolved, the close offers it after the resolution: "Resolve" asks for the
    /// plan (the shared use case's text, answered by the service) and Enter on it starts the resolving close, forced when
    /// the responder chose to close with a resource still compromised; "Close only" records the close alone.
    @Test func closingOffersToResolveTheImportedFindingsShowingThePlanFirst() throws {
        let finding = FindingImported(id: "arn:aws:securityhub:eu-west-1:210987654321:subscription/cis/finding/1", source: "securityhub",
                                      type: "Software and Configuration Checks", severity: "HIGH", title: "root used",
                                      firstSeen: "2026-11-28T22:00:00Z", lastSeen: "2026-11-28T22:00:00Z", resources: [],
                                      region: "eu-west-1", productArn: "arn:aws:securityhub:eu-west-1::product/aws/securityhub")
        let contained: (EventPayload, String) = (.resourceStateChanged(ResourceStateChanged(resource: "AKIAIOSFODNN7EXAMPLE", from: .compromised, to: .contained)), "bob")
        var model = try Self.model(after: [contained, (.findingImported(finding), "bob")])
        _ = model.press("C")
        model.type("rotated")
        #expect(model.press("<Enter>").isEmpty)
        let closing = ClosingRequest(resolution: "rotated", force: false)
        guard case .choice(let menu) = model.overlay else { Issue.record("no offer to resolve"); return }
        #expect(menu.purpose == .closeResolvingFindings(closing))
        #expect(model.screenText.contains("Resolve the 1 imported finding in AWS, then close"))
        #expect(model.press("1") == [.previewResolvingFindings(closing)])
        // The plan as the service answers it; nothing runs before Enter on it.
        let preview = ActionPreview(action: "close --resolve-findings", resources: ["INC-7"],
                                    lines: ["Resolve 1 finding in AWS, then close INC-7:", "    aws securityhub batch-update-findings …"],
                                    confirmationText: nil, stepCount: 1, closing: closing)
        _ = model.update(.actionPreviewed(preview))
        #expect(model.screenText.contains("aws securityhub batch-update-findings"))
        #expect(model.press("<Enter>") == [.awsWork(.resolveFindingsAndClose(closing))])

        // "Close only": the close alone, as before.
        var only = try Self.model(after: [contained, (.findingImported(finding), "bob")])
        _ = only.press("C")
        only.type("rotated")
        _ = only.press("<Enter>")
        #expect(only.press("2") == [.record(.incidentClosed(IncidentClosed(resolution: "rotated")))])

        // Closed anyway with a resource still compromised: the resolving close is forced, as the responder chose.
        var anyway = try Self.model(after: [(.findingImported(finding), "bob")])
        _ = anyway.press("C", "2")
        anyway.type("rotated")
        _ = anyway.press("<Enter>")
        #expect(anyway.press("1") == [.previewResolvingFindings(ClosingRequest(resolution: "rotated", force: true))])
    }

    // MARK: - Undo last change

    /// `e` enters a phase in one key; `U` records the phase entry back to the one before (nothing deleted), and `U` again redoes.
    @Test func undoTakesBackTheLastPhaseChange() throws {
        var model = try Self.model(after: [(.phaseEntered(PhaseEntered(phase: .troubleshooting)), "alice")])
        #expect(model.press("U") == [.record(.phaseEntered(PhaseEntered(phase: .containment)))])
        #expect(model.status?.text.contains("phase back to Containment (from Troubleshooting)") == true)
        var undone = try Self.model(after: [(.phaseEntered(PhaseEntered(phase: .troubleshooting)), "alice"),
                                            (.phaseEntered(PhaseEntered(phase: .containment)), "alice")])
        #expect(undone.press("U") == [.record(.phaseEntered(PhaseEntered(phase: .troubleshooting)))])
    }

    /// `c` marks contained in one key; `U` returns the resource to the state it had, with the reason saying what it undoes.
    @Test func undoTakesBackTheLastStateChange() throws {
        var model = try Self.model(after: [(.resourceStateChanged(ResourceStateChanged(resource: "AKIAIOSFODNN7EXAMPLE", from: .compromised, to: .contained)), "alice")])
        let effects = model.press("U")
        guard case .record(.resourceStateChanged(let change)) = effects.first else { Issue.record("no correction: \(effects)"); return }
        #expect(change.resource == "AKIAIOSFODNN7EXAMPLE" && change.from == .contained && change.to == .compromised)
        #expect(change.reason?.contains("undoes alice's change to contained") == true)
    }

    /// Only this operator's change, and only while nobody changed it since.
    @Test func undoRefusesAChangeSomeoneElseChangedSince() throws {
        var nothing = try Self.model(operatorName: "dave")
        #expect(nothing.press("U").isEmpty)
        #expect(nothing.status?.text.contains("nothing to undo") == true)
        // bob contained the instance (in the fixture), then carol eradicated it.
        var model = try Self.model(after: [(.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .contained, to: .eradicated)), "carol")],
                                   operatorName: "bob")
        #expect(model.press("U").isEmpty)
        #expect(model.status?.text.contains("carol made it eradicated since") == true)
    }

    // MARK: - A closed incident

    /// A closed incident: keys that change it say why not; follow-up items and lessons are still recorded.
    @Test func aClosedIncidentOffersOnlyWhatStillWorks() throws {
        var model = try Self.model(after: [(.incidentClosed(IncidentClosed(resolution: "done")), "alice")])
        for keys in [["1", "e"], ["2", "c"], ["3", "x"], ["n"], ["P"], ["U"]] {
            #expect(model.press(keys[0]).isEmpty || keys.count == 1)
            if keys.count == 2 { #expect(model.press(keys[1]).isEmpty) }
            #expect(model.status?.text == "the incident is closed: R reopens it", "\(keys)")
            #expect(model.overlay == nil)
        }
        _ = model.press("L", "1")
        model.type("the runbook worked")
        #expect(model.press("<Enter>") == [.record(.followUpRecorded(FollowUpRecorded(id: "FU-1", category: .wentWell, text: "the runbook worked")))])
        // The store takes it too: the same check runs in its transaction.
        let closed = try IncidentState.replaying(ConsoleFixtures.events().map(\.event) + [
            Event(incident: IncidentID(rawValue: 7), seq: 13, at: ConsoleFixtures.now, recordedAt: ConsoleFixtures.now, actor: "alice",
                  payload: .incidentClosed(IncidentClosed(resolution: "done")))])
        try closed.validate(.followUpRecorded(FollowUpRecorded(id: "FU-1", category: .action, text: "rotate keys monthly")))
        #expect(throws: IncidentError.self) { try closed.validate(.noteAdded(NoteAdded(text: "late"))) }
        // The docs say when: every key that changes the incident is unavailable once it is closed.
        #expect(ConsoleBindings.markdown.contains("| `e` | Enter the selected phase | the incident is closed |"))
    }

    // MARK: - Quitting a drill

    /// In the drill's own console `q` asks first (it stops the emulator) and says how to resume.
    @Test func quittingADrillAsksAndSaysHowToResume() throws {
        var model = try Self.model()
        model.drillEmulator = "http://127.0.0.1:45123"
        _ = model.press("q")
        #expect(!model.shouldQuit && model.overlay == .confirmDrillQuit)
        #expect(model.screenText.contains("firebreak drill --resume INC-7"))
        _ = model.press("n")
        #expect(!model.shouldQuit && model.overlay == nil)
        _ = model.press("<C-c>", "y")
        #expect(model.shouldQuit)
        // Any other console on a drill quits as before.
        var other = try Self.model()
        _ = other.press("q")
        #expect(other.shouldQuit)
    }
}
