import Foundation
@testable import Console
import IncidentModel
import IncidentStore
import TerminalUI
import Testing

/// `r` on a checklist item does what backs it: an action's plan, or one of
/// Firebreak's own operations — never "no action" for a name that is not one.
@Suite("r on every default checklist item")
struct ChecklistRunTests {
    /// The fixture incident with one isolation run recorded, so there is a containment to verify and to undo.
    static func model() throws -> ConsoleModel {
        var events = ConsoleFixtures.events()
        let last = events.last!.event
        for payload: EventPayload in [
            .actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.isolate", risk: .reversible, resources: ["i-0123456789abcdef0"])),
            .actionStepFinished(ActionStepFinished(runID: "run-1", step: ActionStepRecord(
                resource: "i-0123456789abcdef0", step: "isolate", stage: "change",
                argv: ["ec2", "modify-instance-attribute", "--instance-id", "i-0123456789abcdef0", "--groups", "sg-0123456789abcdef0"],
                outcome: .succeeded, exitCode: 0, durationMs: 300))),
            .actionRunFinished(ActionRunFinished(runID: "run-1", status: .succeeded, results: [])),
        ] {
            let event = Event(incident: last.incident, seq: Int64(events.count + 1), at: last.at, recordedAt: last.recordedAt, actor: "bob", payload: payload)
            events.append(RecordedEvent(event: event, body: try payload.encodedBody(), prevHash: "", hash: ""))
        }
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 160, height: 50), now: ConsoleFixtures.now)
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        return model
    }

    /// The model with `item` selected in the checklist pane, as keys would leave it.
    static func selecting(_ item: ChecklistTemplate) throws -> ConsoleModel {
        var model = try model()
        _ = model.press("1")
        for _ in 0..<7 { _ = model.press("k") }
        for _ in 1..<item.phase.number { _ = model.press("j") }
        _ = model.press("3", "g")
        while model.selectedItem?.id != item.id {
            let before = model.selectedItem?.id
            _ = model.press("j")
            try #require(model.selectedItem?.id != before, "\(item.id) not found in the checklist")
        }
        return model
    }

    @Test(arguments: Playbook.default.items.filter { $0.backedBy != nil }.map(\.id))
    func rDoesWhatBacksTheItem(_ id: String) throws {
        let item = try #require(Playbook.default.items.first { $0.id == id })
        var model = try Self.selecting(item)
        let effects = model.press("r")
        #expect(model.status?.isError != true, "\(id): \(model.status?.text ?? "")")
        switch item.backedBy! {
        case .action(let action):
            #expect(effects == [.offerAction(action)])
        case .operation(.readinessAudit):
            #expect(effects == [.awsWork(.auditReadiness)])
            #expect(model.status?.text == "auditing readiness in us-east-1…")
        case .operation(.accountsAndRegions):
            guard case .details(let title, let lines) = model.overlay else { Issue.record("\(id): \(String(describing: model.overlay))"); return }
            #expect(title == "Accounts and regions · INC-7")
            #expect(lines.contains("accounts 123456789012"))
            #expect(lines.contains("  us-east-1  2 resources"))
        case .operation(.importFindings):
            #expect(model.overlay.map { if case .prompt(let form) = $0 { form.purpose == .importFindings } else { false } } == true)
            model.type("guardduty")
            #expect(model.press("<Enter>") == [.awsWork(.importFindings(from: "guardduty"))])
        case .operation(.discovery):
            guard case .choice(let menu) = model.overlay else { Issue.record("\(id): \(String(describing: model.overlay))"); return }
            // The compromised and suspected resources, in the pane's order (urgency).
            #expect(menu.options == ["AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:role/web-role", "vol-0a1b2c3d4e5f60718"])
            #expect(model.press("2") == [.awsWork(.discover(resource: "arn:aws:iam::123456789012:role/web-role"))])
        case .operation(.verification):
            #expect(effects == [.awsWork(.verifyContainment)])
        case .operation(.undoContainment), .operation(.restoreNetwork):
            guard case .choice(let menu) = model.overlay else { Issue.record("\(id): \(String(describing: model.overlay))"); return }
            // One option a resource the run changed.
            #expect(menu.options == ["i-0123456789abcdef0  ec2.isolate  run-1"])
            #expect(model.press("<Enter>") == [.previewUndo(run: "run-1", resources: ["i-0123456789abcdef0"])])
            _ = model.update(.actionPreviewed(ActionPreview(action: "undo ec2.isolate", resources: ["i-0123456789abcdef0"], lines: ["Undo run-1"],
                                                            confirmationText: nil, undoes: "run-1", undoResources: ["i-0123456789abcdef0"])))
            #expect(model.press("<Enter>") == [.awsWork(.undo(run: "run-1", resources: ["i-0123456789abcdef0"]))])
        case .operation(.report):
            #expect(model.screenText.contains("INC-7-report.md"))
            #expect(model.press("<Enter>") == [.writeReport(to: "INC-7-report.md")])
        case .operation(.drill):
            model.type("web-server-exfiltration")
            _ = model.press("<Enter>", "<Enter>")      // no owner
            let recorded = model.press("<Enter>")      // no due date
            guard case .record(.followUpRecorded(let entry))? = recorded.first else { Issue.record("\(id): \(recorded)"); return }
            #expect(entry.category == .action)
            #expect(entry.text == "Drill: web-server-exfiltration")
        }
    }

    /// Undo lists only what can be undone: a read-only or already undone run is not offered.
    @Test func nothingToUndoSaysSo() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        let item = try #require(Playbook.default.items.first { $0.backedBy == .operation(.undoContainment) })
        _ = model.press("1")
        for _ in 0..<(item.phase.number - Phase.containment.number) { _ = model.press("j") }
        _ = model.press("3", "g")
        while model.selectedItem?.id != item.id { _ = model.press("j") }
        #expect(model.press("r").isEmpty)
        #expect(model.status?.text == "no containment to undo: no reversible run is left")
    }
}
