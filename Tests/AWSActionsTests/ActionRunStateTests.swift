import Foundation
import IncidentModel
import Testing

@Suite("Action runs in the incident state")
struct ActionRunStateTests {
    /// Folds `payloads` after an opening event and one instance, validating each first as the store does.
    static func fold(_ payloads: [EventPayload]) throws -> IncidentState {
        var clock = Date(timeIntervalSince1970: 1_800_000_000)
        var seq: Int64 = 0
        func event(_ payload: EventPayload) -> Event {
            seq += 1
            clock = clock.addingTimeInterval(1)
            return Event(incident: IncidentID(rawValue: 1), seq: seq, at: clock, recordedAt: clock, actor: "alice", payload: payload)
        }
        var state = try IncidentState(opening: event(.incidentOpened(IncidentOpened(title: "t", severity: Severity(rawValue: 2)!))))
        for payload in [EventPayload.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance, state: .compromised))] + payloads {
            try state.validate(payload)
            state.apply(event(payload))
        }
        return state
    }

    static let step = ActionStepRecord(resource: "i-0123456789abcdef0", step: "stop", stage: "change",
                                       argv: ["ec2", "stop-instances", "--instance-ids", "i-0123456789abcdef0"],
                                       outcome: .succeeded, exitCode: 0, durationMs: 420, stdout: "{}")

    @Test func aRunFoldsItsStartStepsAndFinish() throws {
        let state = try Self.fold([
            .actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.stop", risk: .reversible, resources: ["i-0123456789abcdef0"])),
            .actionStepFinished(ActionStepFinished(runID: "run-1", step: Self.step)),
            .actionRunFinished(ActionRunFinished(runID: "run-1", status: .succeeded, results: [
                ActionResourceResult(resource: "i-0123456789abcdef0", status: .succeeded, captures: ["state": "\"running\""]),
            ])),
        ])
        let run = try state.actionRun(matching: "1")
        #expect(run.status == .succeeded)
        #expect(run.steps == [Self.step])
        #expect(run.captures(for: "i-0123456789abcdef0") == ["state": "\"running\""])
        #expect(state.nextActionRunID == "run-2")
        // The state stays Codable: checkpoints store it.
        let decoded = try JSONDecoder().decode(IncidentState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
    }

    @Test func anUndoMarksTheOriginalAndCannotBeRepeated() throws {
        let start = ActionRunStarted(runID: "run-1", action: "ec2.stop", risk: .reversible, resources: ["i-0123456789abcdef0"])
        var payloads: [EventPayload] = [
            .actionRunStarted(start),
            .actionRunFinished(ActionRunFinished(runID: "run-1", status: .succeeded, results: [])),
            .actionRunStarted(ActionRunStarted(runID: "run-2", action: "ec2.stop", risk: .reversible, resources: ["i-0123456789abcdef0"], undoes: "run-1")),
            .actionRunFinished(ActionRunFinished(runID: "run-2", status: .succeeded, results: [])),
        ]
        let state = try Self.fold(payloads)
        #expect(state.actionRuns[0].undoneBy == "run-2")
        payloads.append(.actionRunStarted(ActionRunStarted(runID: "run-3", action: "ec2.stop", risk: .reversible, resources: ["i-0123456789abcdef0"], undoes: "run-1")))
        #expect(throws: IncidentError.conflict("run-1 was already undone by run-2")) { try Self.fold(payloads) }
    }

    /// An undo of some of a run's resources marks those; the next undo may take only what is left, and
    /// the run counts as undone (`undoneBy`) once the last of them is put back. A partial undo marks the
    /// resources whose result succeeded.
    @Test func anUndoOfSomeResourcesMarksThoseAndTheRestIsLeft() throws {
        let (a, b, c) = ("i-0123456789abcdef0", "i-0123456789abcdef1", "i-0123456789abcdef2")
        let added: [EventPayload] = [b, c].map { .resourceAdded(ResourceAdded(id: $0, kind: .ec2Instance, state: .compromised)) }
        func undo(_ id: String, _ resources: [String], _ status: ActionRunStatus = .succeeded, results: [ActionResourceResult] = []) -> [EventPayload] {
            [.actionRunStarted(ActionRunStarted(runID: id, action: "ec2.isolate", risk: .reversible, resources: resources, undoes: "run-1")),
             .actionRunFinished(ActionRunFinished(runID: id, status: status, results: results))]
        }
        var payloads = added + [
            .actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.isolate", risk: .reversible, resources: [a, b, c])),
            .actionRunFinished(ActionRunFinished(runID: "run-1", status: .succeeded, results: [])),
        ] + undo("run-2", [a])
        var state = try Self.fold(payloads)
        #expect(state.actionRuns[0].undoneResources == [a: "run-2"] && state.actionRuns[0].undoneBy == nil)
        #expect(state.actionRuns[0].resourcesToUndo == [b, c])
        // The same resource again is refused, in one line; one that is not the run's too.
        #expect(throws: IncidentError.conflict("\(a) of run-1 was already undone by run-2")) { try Self.fold(payloads + undo("run-3", [a, b])) }
        // Partial: b put back, c not.
        payloads += undo("run-3", [b, c], .partial, results: [ActionResourceResult(resource: b, status: .succeeded),
                                                             ActionResourceResult(resource: c, status: .failed, error: "denied")])
        state = try Self.fold(payloads)
        #expect(state.actionRuns[0].undoneResources == [a: "run-2", b: "run-3"] && state.actionRuns[0].undoneBy == nil)
        #expect(state.actionRuns[0].partlyUndone.map(\.resource) == [a, b])
        payloads += undo("run-4", [c])
        state = try Self.fold(payloads)
        #expect(state.actionRuns[0].undoneBy == "run-4" && state.actionRuns[0].resourcesToUndo.isEmpty)
        #expect(throws: IncidentError.conflict("run-1 was already undone by run-4")) { try Self.fold(payloads + undo("run-5", [c])) }
    }

    @Test func eventsThatDoNotFitAreRefused() throws {
        #expect(throws: IncidentError.self) {
            try Self.fold([.actionStepFinished(ActionStepFinished(runID: "run-9", step: Self.step))])
        }
        #expect(throws: IncidentError.self) {
            try Self.fold([.actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.stop", risk: .reversible, resources: ["i-99999999"]))])
        }
        #expect(throws: IncidentError.self) {
            try Self.fold([
                .actionRunStarted(ActionRunStarted(runID: "run-1", action: "ec2.stop", risk: .reversible, resources: ["i-0123456789abcdef0"])),
                .actionRunFinished(ActionRunFinished(runID: "run-1", status: .failed, results: [])),
                .actionRunFinished(ActionRunFinished(runID: "run-1", status: .failed, results: [])),
            ])
        }
    }

    @Test(arguments: [
        EventPayload.actionRunStarted(ActionRunStarted(runID: "run-1", action: "kms.disable", risk: .destructive, resources: ["k"], parameters: ["a": "b"])),
        .actionStepFinished(ActionStepFinished(runID: "run-1", step: step)),
        .actionRunFinished(ActionRunFinished(runID: "run-1", status: .timedOut, results: [], error: "timed out")),
    ])
    func bodiesRoundTrip(_ payload: EventPayload) throws {
        #expect(try EventPayload.decode(kind: payload.kind, body: payload.encodedBody()) == payload)
        #expect(!payload.summary.isEmpty)
    }

    /// A run that never finished is undone from its step records: a shared call
    /// (one security group for a VPC's instances) gives its capture to every
    /// resource it covered, not only the first.
    @Test func aSharedCallsCaptureIsEveryCoveredResourcesWhenTheRunNeverFinished() {
        let first = "i-0123456789abcdef0", second = "i-0fedcba9876543210"
        let shared = ActionStepRecord(resource: first, step: "create-isolation-group", stage: "change", argv: ["ec2", "create-security-group"],
                                      outcome: .succeeded, exitCode: 0, durationMs: 400, stdout: "\"sg-1\"", batch: [first, second],
                                      captures: ["isolation-group": "\"sg-1\""])
        let own = ActionStepRecord(resource: second, step: "record-vpc", stage: "record", argv: [], outcome: .succeeded, exitCode: nil,
                                   durationMs: 0, stdout: "\"vpc-1\"", captures: ["vpc": "\"vpc-1\""])
        let run = ActionRun(runID: "run-1", action: "ec2.isolate", risk: .reversible, resources: [first, second], steps: [shared, own],
                            startedAt: Date(timeIntervalSince1970: 1_800_000_000), startedBy: "alice")
        #expect(run.captures(for: second) == ["isolation-group": "\"sg-1\"", "vpc": "\"vpc-1\""])
        #expect(run.captures(for: first) == ["isolation-group": "\"sg-1\""])
    }
}
