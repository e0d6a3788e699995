import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

/// What the screen says back: every write from the store's answer, a running
/// action's step and time, the checklist ticks that come with a write, the
/// readiness checks and follow-ups on screen, and the severity.
@Suite("Screen feedback: writes, runs, ticks, severity")
struct ScreenFeedbackTests {
    /// Messages the store worker sends, collected across its queue.
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [ConsoleMessage] = []
        func post(_ message: ConsoleMessage) { lock.withLock { messages.append(message) } }
        var all: [ConsoleMessage] { lock.withLock { messages } }

        /// Polls until a message `match` accepts arrives (generous deadline, no fixed sleep).
        func wait<T>(for match: (ConsoleMessage) -> T?) throws -> T {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if let found = all.lazy.compactMap(match).first { return found }
                Thread.sleep(forTimeInterval: 0.01)
            }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no such message: \(all)"])
        }
    }

    static func recorded(_ message: ConsoleMessage) -> [EventPayload]? {
        if case .recorded(let payloads) = message { return payloads }
        return nil
    }

    @Test func aWriteSaysWhatItDidOnlyOnceTheStoreHasRecordedIt() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let id = try store.openIncident(IncidentOpened(title: "Leaked key", severity: Severity(rawValue: 2)!), actor: "alice", at: nil).incident.id
        let inbox = Inbox()
        let worker = StoreWorker(store: store, actor: "alice", actions: nil, send: { inbox.post($0) })
        worker.perform(.load(id))
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 160, height: 40))
        let (state, events) = try inbox.wait { if case .loaded(let s, let e) = $0 { return (s, e) } else { return nil } }
        _ = model.update(.loaded(state, events))

        _ = model.press("n")
        model.type("saw the key used from 198.51.100.7")
        let effects = model.press("<Enter>")
        #expect(!model.screenText.contains("note saved"))       // not before the store answers
        #expect(model.screenText.contains("writing…"))
        for effect in effects { worker.perform(effect) }
        let payloads = try inbox.wait(for: Self.recorded)
        #expect(Note.all(in: try store.events(of: id, since: 0).map(\.event)).map(\.text) == ["saw the key used from 198.51.100.7"])
        _ = model.update(.recorded(payloads))
        #expect(model.screenText.contains("note saved"))
        #expect(model.pendingWrites == 0)
    }

    @Test func aLessonTicksTheEvaluationInTheSameWriteAndTheFooterSaysSo() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let id = try store.openIncident(IncidentOpened(title: "Leaked key", severity: Severity(rawValue: 2)!), actor: "alice", at: nil).incident.id
        let inbox = Inbox()
        let worker = StoreWorker(store: store, actor: "alice", actions: nil, send: { inbox.post($0) })
        worker.perform(.load(id))
        _ = try inbox.wait { if case .loaded = $0 { return true } else { return nil } }
        worker.perform(.record(.followUpRecorded(FollowUpRecorded(id: "FU-1", category: .wentBadly, text: "paging took 20 minutes"))))
        let payloads = try inbox.wait(for: Self.recorded)
        let state = try store.state(of: id)
        #expect(state.checklist.first { $0.id == "follow-up.evaluate" }?.state == .done)
        #expect(state.checklist.first { $0.id == "follow-up.decide-policies" }?.state == .open)
        #expect(WriteFeedback.text(for: payloads) == "FU-1 recorded (went-badly); ticked follow-up.evaluate")
    }

    @Test func discoveryAndTheReportTickTheirItemsAndAClosedIncidentIsLeftAsClosed() throws {
        var state = try ScreenLayoutTests.model(size: Size(width: 120, height: 40)).state!
        #expect(state.ticks(for: .discovery, reason: "x").map(\.kind) == [ChecklistItemChanged.kind])
        guard case .checklistItemChanged(let tick) = state.ticks(for: .report, reason: "written")[0] else { Issue.record("no tick"); return }
        #expect(tick.item == "follow-up.report" && tick.state == .done)
        state = try ScreenLayoutTests.model(size: Size(width: 120, height: 40), adding: [.incidentClosed(IncidentClosed(resolution: "done"))]).state!
        #expect(state.ticks(for: .report, reason: "written").isEmpty)
    }

    @Test func aRunningActionShowsStepNOfMAndItsElapsedTime() throws {
        var model = try ScreenLayoutTests.model(size: Size(width: 200, height: 40))
        let preview = ActionPreview(action: "ec2.isolate", resources: ["i-0123456789abcdef0"], lines: ["isolate"], confirmationText: nil, stepCount: 3)
        _ = model.update(.actionPreviewed(preview))
        #expect(model.press("<Enter>") == [.runAction("ec2.isolate", resources: ["i-0123456789abcdef0"])])
        #expect(model.screenText.contains("ec2.isolate on i-0123456789abcdef0: starting · 0s"))
        // The run starts and records its first step in the store; the footer follows it.
        let at = model.now
        var events = ConsoleFixtures.events()
        func add(_ payload: EventPayload) {
            let last = events.last!.event
            events.append(RecordedEvent(event: Event(incident: last.incident, seq: last.seq + 1, at: at, recordedAt: at, actor: "alice", payload: payload),
                                        body: "{}", prevHash: "", hash: ""))
        }
        add(.actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.isolate", risk: .reversible, resources: ["i-0123456789abcdef0"])))
        add(.actionStepFinished(ActionStepFinished(runID: "run-1", step: ActionStepRecord(
            resource: "i-0123456789abcdef0", step: "create-group", stage: "contain", argv: ["ec2", "create-security-group"], outcome: .succeeded,
            exitCode: 0, durationMs: 400))))
        _ = model.update(.appended(try IncidentState.replaying(events.map(\.event)), Array(events.suffix(2))))
        _ = model.update(.tick(at.addingTimeInterval(12)))
        #expect(model.screenText.contains("ec2.isolate on i-0123456789abcdef0: step 2 of 3 · 12s"))
        #expect(!model.screenText.contains("writing…"))
    }

    @Test func sChangesTheSeverityWithAReasonAndTheFoldKeepsIt() throws {
        var model = try ScreenLayoutTests.model(size: Size(width: 160, height: 40))
        _ = model.press("S")
        #expect(model.screenText.contains("SEV2 high (now)"))
        _ = model.press("1")
        model.type("production data reached")
        let change = SeverityChanged(from: Severity(rawValue: 2)!, to: Severity(rawValue: 1)!, reason: "production data reached")
        #expect(model.press("<Enter>") == [.record(.severityChanged(change))])
        // Choosing the severity it already has changes nothing.
        _ = model.press("S", "2")
        #expect(model.overlay == nil)
        #expect(model.screenText.contains("already SEV2"))

        let raised = try ScreenLayoutTests.model(size: Size(width: 160, height: 40), adding: [.severityChanged(change)])
        #expect(raised.state?.incident.severity.rawValue == 1)
        #expect(raised.screenText.contains("SEV1"))
        #expect(raised.screenText.contains("severity SEV2 → SEV1 (critical): production data reached"))
        #expect(throws: IncidentError.self) { try raised.state!.validate(.severityChanged(change)) }
        #expect(throws: IncidentError.self) {
            try raised.state!.validate(.severityChanged(SeverityChanged(from: Severity(rawValue: 3)!, to: Severity(rawValue: 4)!)))
        }
        // Encoded and decoded as the store keeps it.
        let payload = EventPayload.severityChanged(change)
        #expect(try EventPayload.decode(kind: payload.kind, body: payload.encodedBody()) == payload)
        #expect(payload.kind == "severity.changed")
    }

    @Test func eachReadinessChecksResultAndEveryFollowUpWithItsOwnerAndDueDateAreOnScreen() throws {
        var model = try ScreenLayoutTests.model(size: Size(width: 160, height: 40), adding: [
            .readinessAudited(ReadinessAudited(regions: ["us-east-1"], results: [
                ReadinessResult(check: "cloudtrail.logging", title: "CloudTrail logging", region: "us-east-1", covers: "readiness.central-logging",
                                status: .fail, detail: "no trail is logging"),
                ReadinessResult(check: "guardduty.enabled", title: "GuardDuty", region: "us-east-1", covers: "readiness.central-logging",
                                status: .pass, detail: "detector on"),
            ])),
            .followUpRecorded(FollowUpRecorded(id: "FU-1", category: .action, text: "Rotate the deploy keys", owner: "bob", due: "2026-12-10")),
        ])
        _ = model.press("1")
        for _ in 0..<7 where model.selectedPhase != .readiness { _ = model.press("k") }
        #expect(model.screenText.contains("[ ] 1 of 2 checks pass · Centralized logging"))
        _ = model.press("3")
        for _ in 0..<10 where model.selectedItem?.id != "readiness.central-logging" { _ = model.press("j") }
        _ = model.press("<Enter>")
        #expect(model.screenText.contains("FAIL  CloudTrail logging (us-east-1): no trail is logging"))
        #expect(model.screenText.contains("pass  GuardDuty (us-east-1): detector on"))
        _ = model.press("q", "1")
        for _ in 0..<7 where model.selectedPhase != .followUp { _ = model.press("j") }
        #expect(model.screenText.contains("FU-1 action  Rotate the deploy keys · owner bob · due 2026-12-10"))
    }
}
