import Foundation
import IncidentModel
import Testing

@Suite("Metrics from hand-built event sequences")
struct MetricsTests {
    static let opened = IncidentOpened(title: "Leaked key", severity: Severity(rawValue: 2)!, regions: ["us-east-1"])

    static func sha(_ character: Character) -> String { String(repeating: character, count: 64) }

    static func state(_ script: EventScript) throws -> IncidentState { try IncidentState.replaying(script.events) }

    @Test func aCleanRunMeasuresEveryMilestone() throws {
        var script = EventScript()
        let start = script.clock
        _ = script.next(.incidentOpened(Self.opened), after: 0)                                         // t+0
        let detection = script.next(.phaseEntered(PhaseEntered(phase: .detection)), after: 600)           // t+600
        // The first malicious line was logged an hour before the incident was opened.
        _ = script.next(.evidencePinned(EvidencePinned(source: "cloudtrail", line: "CreateUser from 203.0.113.9",
                                                        loggedAt: start.addingTimeInterval(-3600), sha256: Self.sha("a"))), by: "bob")
        _ = script.next(.resourceAdded(ResourceAdded(id: "i-0abc", kind: .ec2Instance, state: .compromised)))
        _ = script.next(.phaseEntered(PhaseEntered(phase: .containment)))
        let contained = script.next(.resourceStateChanged(ResourceStateChanged(resource: "i-0abc", from: .compromised, to: .contained)), after: 300)
        _ = script.next(.phaseEntered(PhaseEntered(phase: .remediation)))
        let eradicated = script.next(.resourceStateChanged(ResourceStateChanged(resource: "i-0abc", from: .contained, to: .eradicated)))
        _ = script.next(.phaseEntered(PhaseEntered(phase: .recovery)))
        let recovered = script.next(.resourceStateChanged(ResourceStateChanged(resource: "i-0abc", from: .eradicated, to: .recovered)), by: "carol")

        let metrics = try IncidentMetrics(events: script.events, now: script.clock.addingTimeInterval(100))
        #expect(metrics.detectedAt == detection.at)
        #expect(metrics.firstMaliciousActivity?.at == start.addingTimeInterval(-3600))
        #expect(metrics.timeToDetect.seconds == 4200)
        #expect(metrics.timeToContain.seconds == 480)
        #expect(metrics.timeToContain.to == contained.at)
        #expect(metrics.timeToEradicate.seconds == 600)
        #expect(metrics.timeToEradicate.to == eradicated.at)
        #expect(metrics.timeToRecover.seconds == 720)
        #expect(metrics.timeToRecover.to == recovered.at)
        #expect(metrics.operators.map(\.name) == ["alice", "bob", "carol"])
        #expect(metrics.operators[0].events == 8)
        #expect(metrics.compromisedResources == 1)
        #expect(metrics.phaseLoops == 0)
        // The open Recovery visit counts up to `now`.
        #expect(metrics.phases.first { $0.phase == .recovery }?.seconds == 160)
        #expect(metrics.phases.first { $0.phase == .troubleshooting }?.visits == 0)
    }

    @Test func loopsBetweenPhasesAreSummedAndContainmentCountsTheLastCompromise() throws {
        var script = EventScript()
        _ = script.next(.incidentOpened(IncidentOpened(title: "t", severity: Severity(rawValue: 1)!, phase: .detection)), after: 0)
        _ = script.next(.resourceAdded(ResourceAdded(id: "AKIAEXAMPLE1", kind: .iamAccessKey, state: .compromised)), after: 60)
        _ = script.next(.phaseEntered(PhaseEntered(phase: .containment)), after: 60)                     // 120
        _ = script.next(.resourceStateChanged(ResourceStateChanged(resource: "AKIAEXAMPLE1", from: .compromised, to: .contained)), after: 100) // 220
        _ = script.next(.phaseEntered(PhaseEntered(phase: .troubleshooting)), after: 80)                 // 300
        // Troubleshooting finds the key used again: back to compromised, back to Containment.
        _ = script.next(.resourceStateChanged(ResourceStateChanged(resource: "AKIAEXAMPLE1", from: .contained, to: .compromised)), after: 200) // 500
        _ = script.next(.phaseEntered(PhaseEntered(phase: .containment)), after: 100)                    // 600
        _ = script.next(.resourceStateChanged(ResourceStateChanged(resource: "AKIAEXAMPLE1", from: .compromised, to: .contained)), after: 50) // 650
        _ = script.next(.phaseEntered(PhaseEntered(phase: .troubleshooting)), after: 150)                // 800
        _ = script.next(.incidentClosed(IncidentClosed(resolution: "done")), after: 200)                 // 1000

        let metrics = try IncidentMetrics(events: script.events, now: script.clock.addingTimeInterval(5000))
        let containment = try #require(metrics.phases.first { $0.phase == .containment })
        #expect(containment.visits == 2)
        #expect(containment.seconds == 380)
        #expect(metrics.phases.first { $0.phase == .troubleshooting }?.seconds == 500)
        #expect(metrics.phaseLoops == 2)
        // Opened straight into Detection: detected when opened; contained for good at 650.
        #expect(metrics.timeToContain.seconds == 650)
        #expect(metrics.totalDuration.seconds == 1000)
        // The first compromise was at 60 s, after detection at 0 s.
        #expect(metrics.timeToDetect.seconds == nil)
        #expect(metrics.timeToDetect.reason?.contains("after detection") == true)
        #expect(metrics.timeToEradicate.reason == "1 of 1 compromised resource not eradicated yet (AKIAEXAMPLE1)")
    }

    @Test func missingDataGivesReasonsNotNumbers() throws {
        var script = EventScript()
        _ = script.next(.incidentOpened(Self.opened), after: 0)
        // Written as it happened (not back-dated): says nothing about when the attack began.
        _ = script.next(.noteAdded(NoteAdded(text: "looking around")))
        var metrics = try IncidentMetrics(events: script.events, now: script.clock)
        #expect(metrics.detectedAt == nil)
        for value in [metrics.timeToDetect, metrics.timeToContain, metrics.timeToEradicate, metrics.timeToRecover] {
            #expect(value.seconds == nil)
            #expect(value.reason == "the incident has not entered Detection yet")
        }

        _ = script.next(.phaseEntered(PhaseEntered(phase: .detection)))
        metrics = try IncidentMetrics(events: script.events, now: script.clock)
        #expect(metrics.timeToDetect.reason?.hasPrefix("no evidence") == true)
        #expect(metrics.timeToContain.reason == "no resource was ever marked compromised")

        _ = script.next(.resourceAdded(ResourceAdded(id: "i-1", kind: .ec2Instance, state: .compromised)))
        _ = script.next(.resourceAdded(ResourceAdded(id: "i-2", kind: .ec2Instance, state: .compromised)))
        _ = script.next(.resourceStateChanged(ResourceStateChanged(resource: "i-1", from: .compromised, to: .contained)))
        metrics = try IncidentMetrics(events: script.events, now: script.clock)
        #expect(metrics.timeToContain.reason == "1 of 2 compromised resources not contained yet (i-2)")
    }

    @Test func aBackDatedNoteMarksTheStartOfTheAttack() throws {
        var script = EventScript()
        let start = script.clock
        _ = script.next(.incidentOpened(Self.opened), after: 0)
        _ = script.next(.phaseEntered(PhaseEntered(phase: .detection)), after: 900)
        // `note --at` a day earlier: the event's `at` is the back-dated time.
        script.seq += 1
        script.events.append(Event(incident: script.incident, seq: script.seq, at: start.addingTimeInterval(-86_400),
                                   recordedAt: script.clock, actor: "alice", payload: .noteAdded(NoteAdded(text: "first ConsoleLogin from TOR exit"))))
        let metrics = try IncidentMetrics(events: script.events, now: script.clock)
        #expect(metrics.timeToDetect.seconds == 87_300)
        #expect(metrics.firstMaliciousActivity?.source == "note #3 (back-dated to before detection)")
    }

    @Test func actionRunsAreTallied() throws {
        var script = EventScript()
        _ = script.next(.incidentOpened(Self.opened), after: 0)
        _ = script.next(.resourceAdded(ResourceAdded(id: "i-1", kind: .ec2Instance, state: .compromised)))
        let step = ActionStepRecord(resource: "i-1", step: "isolate", stage: "change", argv: ["ec2", "x"], outcome: .succeeded, exitCode: 0, durationMs: 5)
        func run(_ id: String, status: ActionRunStatus, undoes: String? = nil, dryRun: Bool = false) {
            _ = script.next(.actionRunStarted(ActionRunStarted(runID: id, action: "ec2.isolate", risk: .reversible, resources: ["i-1"], undoes: undoes, dryRun: dryRun)))
            _ = script.next(.actionStepFinished(ActionStepFinished(runID: id, step: step)))
            _ = script.next(.actionRunFinished(ActionRunFinished(runID: id, status: status, results: [])), by: "bob")
        }
        run("run-1", status: .succeeded)
        run("run-2", status: .failed)
        run("run-3", status: .succeeded, undoes: "run-1")
        run("run-4", status: .succeeded, dryRun: true)
        _ = script.next(.actionRunStarted(ActionRunStarted(runID: "run-5", action: "ec2.stop", risk: .reversible, resources: ["i-1"])))
        let tally = try IncidentMetrics(events: script.events, now: script.clock).actions
        #expect(tally == ActionTally(runs: 5, succeeded: 3, failed: 1, running: 1, undone: 1, dryRuns: 1, undoRuns: 1, awsCalls: 4))
    }
}

@Suite("Follow-up entries")
struct FollowUpTests {
    @Test func followUpsFoldAndValidate() throws {
        var script = EventScript()
        var state = try IncidentState(opening: script.next(.incidentOpened(MetricsTests.opened), after: 0))
        #expect(state.nextFollowUpID == "FU-1")
        let entry = FollowUpRecorded(id: "FU-1", category: .action, text: "Rotate keys every 90 days", owner: "dana", due: "2027-01-31")
        try state.validate(.followUpRecorded(entry))
        state.apply(script.next(.followUpRecorded(entry)))
        #expect(state.followUps.map(\.owner) == ["dana"])
        #expect(state.nextFollowUpID == "FU-2")
        #expect(throws: IncidentError.self) { try state.validate(.followUpRecorded(entry)) }
        #expect(throws: IncidentError.self) { try FollowUpRecorded.validateDue("2027-02-30") }
        #expect(throws: IncidentError.self) { try FollowUpRecorded.validateDue("31/01/2027") }
        #expect(try FollowUpRecorded.validateDue(" 2028-02-29 ") == "2028-02-29")
        let decoded = try EventPayload.decode(kind: FollowUpRecorded.kind, body: try EventPayload.followUpRecorded(entry).encodedBody())
        #expect(decoded == .followUpRecorded(entry))
        #expect(try FollowUpCategory(parsing: "Went_Well") == .wentWell)
    }
}
