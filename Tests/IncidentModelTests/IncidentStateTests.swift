import Foundation
import IncidentModel
import Testing

/// A small builder for event sequences: each call is the next event.
struct EventScript {
    var incident = IncidentID(rawValue: 1)
    var seq: Int64 = 0
    var clock = Date(timeIntervalSince1970: 1_800_000_000)
    var events: [Event] = []

    mutating func next(_ payload: EventPayload, by actor: String = "alice", after seconds: TimeInterval = 60) -> Event {
        seq += 1
        clock = clock.addingTimeInterval(seconds)
        let event = Event(incident: incident, seq: seq, at: clock, recordedAt: clock, actor: actor, payload: payload)
        events.append(event)
        return event
    }
}

@Suite("The reducer: IncidentState.apply")
struct IncidentStateTests {
    static let opened = IncidentOpened(title: "Leaked key", severity: Severity(rawValue: 2)!, regions: ["us-east-1"])

    @Test func openingSetsTheIncidentPhaseAndChecklist() throws {
        var script = EventScript()
        let state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        #expect(state.incident.id.description == "INC-1")
        #expect(state.incident.title == "Leaked key")
        #expect(state.incident.status == .open)
        #expect(state.phase == .readiness)
        #expect(state.phaseVisits.count == 1)
        #expect(state.checklist.count == Playbook.default.items.count)
        #expect(state.checklist.allSatisfy { $0.state == .open })
        #expect(state.lastSeq == 1)
    }

    @Test func theFirstEventMustOpenTheIncident() {
        var script = EventScript()
        #expect(throws: IncidentError.self) {
            try IncidentState(opening: script.next(.noteAdded(NoteAdded(text: "hi"))))
        }
    }

    @Test func phasesRecordEveryEntryIncludingLoopsBack() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        for phase in [Phase.detection, .containment, .troubleshooting, .containment] {
            state.apply(script.next(.phaseEntered(PhaseEntered(phase: phase)), after: 600))
        }
        #expect(state.phase == .containment)
        #expect(state.phaseVisits.map(\.phase) == [.readiness, .detection, .containment, .troubleshooting, .containment])
        #expect(state.phaseVisits.dropLast().allSatisfy { $0.leftAt != nil })
        #expect(state.phaseVisits.last?.leftAt == nil)
        // Each visit lasted exactly the 600 s between entries.
        #expect(state.phaseVisits[1].duration(until: .distantFuture) == 600)
    }

    @Test func resourcesMoveThroughStatesWithHistory() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        state.apply(script.next(.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance, region: "us-east-1", state: .compromised)), by: "bob"))
        state.apply(script.next(.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .compromised, to: .contained, reason: "isolated"))))
        let resource = try state.resource(matching: "i-0123456789abcdef0")
        #expect(resource.state == .contained)
        #expect(resource.addedBy == "bob")
        #expect(resource.history.map(\.state) == [.compromised, .contained])
        #expect(resource.history.last?.reason == "isolated")
    }

    @Test func resourcesAreFoundByTheIDInsideTheirARN() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        let arn = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"
        state.apply(script.next(.resourceAdded(ResourceAdded(id: arn, kind: .ec2Instance))))
        #expect(try state.resource(matching: "i-0123456789abcdef0").id == arn)
        #expect(throws: IncidentError.notFound("no resource 'i-1111111111111111' in INC-1")) {
            try state.resource(matching: "i-1111111111111111")
        }
    }

    @Test func checklistItemsRecordWhoAndWhenAndUndo() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        let skip = script.next(.checklistItemChanged(ChecklistItemChanged(item: "containment.route53", state: .skipped, reason: "no DNS")), by: "carol")
        state.apply(skip)
        var item = try state.checklistItem(matching: "route53")
        #expect(item.state == .skipped)
        #expect(item.by == "carol")
        #expect(item.at == skip.at)
        #expect(item.reason == "no DNS")
        state.apply(script.next(.checklistItemChanged(ChecklistItemChanged(item: "containment.route53", state: .open))))
        item = try state.checklistItem(matching: "containment.route53")
        #expect(item.state == .open)
        #expect(item.by == nil)
        #expect(item.at == nil)
    }

    @Test func closeAndReopen() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        let close = script.next(.incidentClosed(IncidentClosed(resolution: "keys rotated")))
        state.apply(close)
        #expect(state.incident.status == .closed)
        #expect(state.incident.closedAt == close.at)
        #expect(state.incident.resolution == "keys rotated")
        state.apply(script.next(.incidentReopened(IncidentReopened())))
        #expect(state.incident.status == .open)
        #expect(state.incident.closedAt == nil)
    }

    @Test func validationRefusesWhatDoesNotFit() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        #expect(throws: IncidentError.conflict("INC-1 is already in Readiness")) {
            try state.validate(.phaseEntered(PhaseEntered(phase: .readiness)))
        }
        state.apply(script.next(.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance))))
        #expect(throws: IncidentError.conflict("resource i-0123456789abcdef0 is already in INC-1")) {
            try state.validate(.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance)))
        }
        #expect(throws: IncidentError.conflict("i-0123456789abcdef0 is already suspected")) {
            try state.validate(.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .suspected, to: .suspected)))
        }
        #expect(throws: IncidentError.conflict("i-0123456789abcdef0 is suspected, not compromised")) {
            try state.validate(.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .compromised, to: .contained)))
        }
        #expect(throws: IncidentError.notFound("no checklist item 'nope' in INC-1")) {
            try state.validate(.checklistItemChanged(ChecklistItemChanged(item: "nope", state: .done)))
        }
        #expect(throws: IncidentError.conflict("containment.route53 is not ticked")) {
            try state.validate(.checklistItemChanged(ChecklistItemChanged(item: "containment.route53", state: .open)))
        }
        #expect(throws: IncidentError.conflict("INC-1 is already open")) {
            try state.validate(.incidentReopened(IncidentReopened()))
        }
        try state.validate(.noteAdded(NoteAdded(text: "fine")))

        state.apply(script.next(.incidentClosed(IncidentClosed(resolution: "done"))))
        #expect(throws: IncidentError.conflict("INC-1 is closed; reopen it to change it")) {
            try state.validate(.noteAdded(NoteAdded(text: "late")))
        }
        try state.validate(.incidentReopened(IncidentReopened()))
    }

    @Test func replayingTheSameEventsGivesTheSameState() throws {
        var script = EventScript()
        var live = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        let later: [EventPayload] = [
            .phaseEntered(PhaseEntered(phase: .detection)),
            .resourceAdded(ResourceAdded(id: "AKIAIOSFODNN7EXAMPLE", kind: .iamAccessKey, state: .compromised)),
            .noteAdded(NoteAdded(text: "key used from 198.51.100.7")),
            .checklistItemChanged(ChecklistItemChanged(item: "detection.intent", state: .done)),
        ]
        for payload in later { live.apply(script.next(payload)) }
        let replayed = try IncidentState.replaying(script.events)
        #expect(replayed == live)
        // A prefix replays to an earlier state, not the final one.
        #expect(try IncidentState.replaying(script.events.prefix(3)) != live)
    }

    @Test func unrecognizedEventsAreKeptButChangeNothingButTheSeq() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(Self.opened)))
        let before = state
        state.apply(script.next(.unrecognized(kind: "future.thing", body: "{}")))
        #expect(state.lastSeq == 2)
        #expect(state.resources == before.resources && state.checklist == before.checklist && state.phase == before.phase)
    }
}

@Suite("Checklist items added by hand")
struct ChecklistItemAddedTests {
    @Test func addedItemsLandAtTheEndOfTheirPhase() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(IncidentStateTests.opened)))
        let id = state.nextCustomItemID(in: .containment)
        #expect(id == "containment.custom-1")
        let item = ChecklistTemplate(id: id, phase: .containment, text: "Rotate the deploy key")
        try state.validate(.checklistItemAdded(ChecklistItemAdded(item: item)))
        state.apply(script.next(.checklistItemAdded(ChecklistItemAdded(item: item))))
        let containment = state.checklist.filter { $0.phase == .containment }
        #expect(containment.last?.id == "containment.custom-1")
        #expect(state.checklist.map(\.phase.number) == state.checklist.map(\.phase.number).sorted())
        #expect(state.nextCustomItemID(in: .containment) == "containment.custom-2")
        #expect(throws: IncidentError.self) { try state.validate(.checklistItemAdded(ChecklistItemAdded(item: item))) }
    }
}
