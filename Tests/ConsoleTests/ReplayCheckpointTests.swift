import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing
import FirebreakTestSupport

/// Replay over a real SQLite file, long enough to cross several checkpoints:
/// wherever a seek lands, from wherever the replay stood, the state is the
/// live fold after that event, and the log pane's events are the ones just before it.
@Suite("Replay across checkpoints, read back from the store")
struct ReplayCheckpointTests {
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-replay-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        var database: String { url.appendingPathComponent("incidents.db").path }
    }

    /// A payload valid for `state`, or nil when the pick does not apply now. Action
    /// runs (started, stepped, finished, undone) change entries of the chunked
    /// histories long after they were added, which is where shared storage could leak between versions.
    static func payload(for state: IncidentState, using rng: inout SeededGenerator) -> EventPayload? {
        let running = state.actionRuns.filter { $0.status == .running }
        switch Int.random(in: 0..<14, using: &rng) {
        case 0:
            let phase = Phase.allCases.randomElement(using: &rng)!
            return phase == state.phase ? nil : .phaseEntered(PhaseEntered(phase: phase))
        case 1:
            let id = "i-" + String(format: "%08x", UInt32.random(in: 0...UInt32.max, using: &rng))
            return state.resources.contains { $0.id == id } ? nil : .resourceAdded(ResourceAdded(id: id, kind: .ec2Instance, state: .compromised))
        case 2:
            guard let resource = state.resources.randomElement(using: &rng) else { return nil }
            let target = ResourceState.allCases.randomElement(using: &rng)!
            return target == resource.state ? nil : .resourceStateChanged(ResourceStateChanged(resource: resource.id, from: resource.state, to: target))
        case 3:
            let item = state.checklist.randomElement(using: &rng)!
            let target = ChecklistItemState.allCases.randomElement(using: &rng)!
            return target == item.state ? nil : .checklistItemChanged(ChecklistItemChanged(item: item.id, state: target, reason: target == .skipped ? "n/a" : nil))
        case 4, 5, 6:
            return .noteAdded(NoteAdded(text: "note \(UInt32.random(in: 0...UInt32.max, using: &rng))"))
        case 7:
            return .evidencePinned(EvidencePinned(source: "file:/var/log/auth.log", line: "sshd accepted \(state.lastSeq)",
                                                  loggedAt: Date(timeIntervalSince1970: 1_800_000_000), sha256: String(repeating: "ab", count: 32)))
        case 8:
            let role = IncidentRole.allCases.randomElement(using: &rng)!
            return .roleAssigned(RoleAssigned(role: role, operatorName: ["alice", "bob"].randomElement(using: &rng)!))
        case 9:
            guard let resource = state.resources.randomElement(using: &rng) else { return nil }
            return .actionRunStarted(ActionRunStarted(runID: state.nextActionRunID, action: "ec2.isolate", risk: .reversible, resources: [resource.id]))
        case 10, 11:
            guard let run = running.randomElement(using: &rng) else { return nil }
            return .actionStepFinished(ActionStepFinished(runID: run.runID, step: ActionStepRecord(
                resource: run.resources[0], step: "swap", stage: "change", argv: ["ec2", "modify-instance-attribute"],
                outcome: .succeeded, exitCode: 0, durationMs: 12)))
        case 12:
            guard let run = running.randomElement(using: &rng) else { return nil }
            return .actionRunFinished(ActionRunFinished(runID: run.runID, status: .succeeded,
                                                        results: run.resources.map { ActionResourceResult(resource: $0, status: .succeeded) }))
        default:
            // Undo an old run: its entry, far back in the history, changes (`undoneBy`).
            guard let original = state.actionRuns.filter({ $0.status == .succeeded && $0.undoes == nil && $0.undoneBy == nil }).randomElement(using: &rng),
                  !state.actionRuns.contains(where: { $0.undoes == original.runID && $0.status == .running }) else { return nil }
            return .actionRunStarted(ActionRunStarted(runID: state.nextActionRunID, action: "ec2.isolate", risk: .reversible,
                                                      resources: original.resources, undoes: original.runID))
        }
    }

    /// Writes about `count` random valid events through the store, 100 to a
    /// transaction, and returns the live state after each one.
    static func record(_ count: Int, seed: UInt64, into store: SQLiteIncidentStore) throws -> (IncidentID, [IncidentState]) {
        var rng = SeededGenerator(seed: seed)
        let id = try store.openIncident(IncidentOpened(title: "long record", severity: Severity(rawValue: 2)!), actor: "alice", at: nil).incident.id
        var live = [try store.state(of: id)]
        while live.count < count {
            var batch: [EventPayload] = []
            var state = live.last!
            while batch.count < 100 && live.count < count {
                guard let payload = payload(for: state, using: &rng), (try? state.validate(payload)) != nil else { continue }
                batch.append(payload)
                // The fold of exactly what is recorded: the store numbers the events the same way.
                let next = Event(incident: id, seq: state.lastSeq + 1, at: Date(), recordedAt: Date(), actor: "bob", payload: payload)
                state.apply(next)
                live.append(state)
            }
            let result = try store.append(to: id, actor: "bob", at: nil) { _ in batch }
            #expect(result.state.lastSeq == state.lastSeq)
        }
        // The times were stand-ins; the live states are the store's own folds of what it recorded.
        let recorded = try store.events(of: id, since: 0).map(\.event)
        var state = try IncidentState(opening: recorded[0])
        live = [state]
        for event in recorded.dropFirst() {
            state.apply(event)
            live.append(state)
        }
        #expect(state == (try store.state(of: id)))
        return (id, live)
    }

    @Test(arguments: [11, 12] as [UInt64])
    func everySeekShowsTheLiveStateThen(seed: UInt64) throws {
        let folder = try Folder()
        let writer = try SQLiteIncidentStore(path: folder.database)
        let (id, live) = try Self.record(2_600, seed: seed, into: writer)
        #expect(live.last!.actionRuns.contains { $0.undoneBy != nil }, "the record should include an undo")
        // As `firebreak replay` opens it: read-only, indexed once, events read back by range.
        let store = try SQLiteIncidentStore(path: folder.database, mode: .readOnly)
        let log = try ReplayLog.load(id, from: store)
        #expect(log.count == live.count)
        var replay = ReplayState(log: log)
        var rng = SeededGenerator(seed: seed)
        let interval = ReplayLog.checkpointInterval
        var targets = [live.count, 1, interval, interval + 1, interval - 1, 2 * interval, 2 * interval + 1, live.count - 1, 2]
        for _ in 0..<60 { targets.append(Int.random(in: 1...live.count, using: &rng)) }
        for _ in 0..<20 { targets.append(targets.last! + [-1, 1, 7, -300, 900].randomElement(using: &rng)!) }
        for target in targets {
            let expected = min(max(1, target), live.count)
            try replay.seek(to: target)
            #expect(replay.position == expected)
            #expect(replay.state == live[expected - 1], "seed \(seed), seek to \(target)")
            // The log pane: the events just before the position, in order, ending with it.
            #expect(replay.recentEvents.map(\.seq) == Array(Int64(max(1, expected - ReplayState.logWindow + 1))...Int64(expected)))
        }
    }

    @Test func readsAStretchOfTheRecordByItsSeqs() throws {
        let folder = try Folder()
        let store = try SQLiteIncidentStore(path: folder.database)
        let id = try store.openIncident(IncidentOpened(title: "ranges", severity: Severity(rawValue: 3)!), actor: "alice", at: nil).incident.id
        try store.append(to: id, actor: "alice", at: nil) { _ in (1...20).map { .noteAdded(NoteAdded(text: "n\($0)")) } }
        let stretch = try store.events(of: id, seqs: 5...9)
        #expect(stretch.map(\.seq) == [5, 6, 7, 8, 9])
        #expect(stretch.first.map { if case .noteAdded(let note) = $0.payload { note.text } else { "" } } == "n4")
        #expect(try store.events(of: id, seqs: 20...40).map(\.seq) == [20, 21])
        var seen: [Int64] = []
        try store.forEachEvent(of: id) { seen.append($0.seq) }
        #expect(seen == Array(1...21))
        #expect(throws: StoreError.self) { try store.forEachEvent(of: IncidentID(rawValue: 99)) { _ in } }
    }

    @Test func aRecordWithAGapIsRefusedNotMisread() throws {
        var events = ConsoleFixtures.events().map(\.event)
        events.remove(at: 4)
        #expect(throws: IncidentError.self) { try ReplayLog(events: events) }
        #expect(throws: IncidentError.self) { try ReplayLog(events: []) }
    }

    /// A store that stops answering after the replay was indexed.
    struct FailingSource: ReplayEventSource {
        let working: InMemoryReplayEvents
        let failFrom: Int64
        func events(seqs: ClosedRange<Int64>) throws -> [Event] {
            if seqs.upperBound >= failFrom { throw StoreError.busy(path: "/tmp/review.db") }
            return try working.events(seqs: seqs)
        }
    }

    /// Answers from memory until told to fail.
    final class SwitchableSource: ReplayEventSource, @unchecked Sendable {
        let working: InMemoryReplayEvents
        private let lock = NSLock()
        private var failing = false
        init(_ events: [Event]) { working = InMemoryReplayEvents(all: events) }
        func fail() { lock.withLock { failing = true } }
        func events(seqs: ClosedRange<Int64>) throws -> [Event] {
            if lock.withLock({ failing }) { throw StoreError.busy(path: "/tmp/review.db") }
            return try working.events(seqs: seqs)
        }
    }

    @Test func steppingBackUsesTheEventsAlreadyHeld() throws {
        let events = ConsoleFixtures.events().map(\.event)
        let source = SwitchableSource(events)
        var replay = try ReplayState(log: ReplayLog(events: events, source: source))
        try replay.seek(to: 12)
        // From here on every read fails: stepping back must not need one.
        source.fail()
        for target in stride(from: 11, through: 1, by: -1) {
            try replay.seek(to: target)
            #expect(replay.state == (try IncidentState.replaying(events.prefix(target))))
            #expect(replay.recentEvents.map(\.seq) == Array(1...Int64(target)))
        }
        // Forward again needs the store, and says so.
        #expect(throws: StoreError.self) { try replay.seek(to: 2) }
        #expect(replay.position == 1)
    }

    @Test func aSeekThatCannotReadTheStoreLeavesTheReplayWhereItWas() throws {
        let events = ConsoleFixtures.events().map(\.event)
        let log = try ReplayLog(events: events, source: FailingSource(working: InMemoryReplayEvents(all: events), failFrom: 6))
        var model = ConsoleModel(mode: .replay, operatorName: "reviewer", size: Size(width: 120, height: 40), now: ConsoleFixtures.now)
        _ = model.update(.replayLoaded(log))
        model.answerReplayReads(model.press("."))
        model.answerReplayReads(model.press("."))
        #expect(model.replay?.position == 3)
        model.answerReplayReads(model.press("$"))
        #expect(model.replay?.position == 3)
        #expect(model.replay?.pendingRead == nil, "a failed read is not waited for")
        #expect(model.state == (try IncidentState.replaying(events.prefix(3))))
        #expect(model.status?.isError == true)
        #expect(model.status?.text.contains("review.db") == true)
    }

    /// The UI loop never reads the store: a seek in a replay of a SQLite file
    /// asks the store worker for the stretch it needs and stands where it was
    /// until the answer comes; an answer a later seek superseded is dropped.
    @Test func aSeekInAStoredRecordAsksTheStoreWorkerAndLandsOnItsAnswer() throws {
        let folder = try Folder()
        let writer = try SQLiteIncidentStore(path: folder.database)
        let (id, live) = try Self.record(1_200, seed: 5, into: writer)
        let store = try SQLiteIncidentStore(path: folder.database, mode: .readOnly)
        var model = ConsoleModel(mode: .replay, operatorName: "reviewer", size: Size(width: 120, height: 40), now: ConsoleFixtures.now)
        _ = model.update(.replayLoaded(try ReplayLog.load(id, from: store)))
        #expect(model.replay?.position == 1)

        let toEnd = model.press("$")
        let endRead = try #require(toEnd.compactMap { effect -> ReplayRead? in
            if case .readReplay(let read) = effect { return read }
            return nil
        }.first, "the seek read the store itself: \(toEnd)")
        #expect(model.replay?.position == 1, "nothing moves before the store worker answers")
        #expect(model.state == live[0])

        // A second seek before the answer supersedes the first; the first's answer changes nothing.
        let toStart = model.press(",")
        #expect(model.replay?.position == 1)
        _ = model.update(.replayEvents(endRead, try endRead.perform()))
        #expect(model.replay?.position == 1, "a superseded read landed")
        model.answerReplayReads(toStart)
        model.answerReplayReads(model.press("$"))
        #expect(model.replay?.position == live.count)
        #expect(model.state == live[live.count - 1])

        // Playing from the opening: each tick's events come through the store worker too.
        model.answerReplayReads(model.press("0"))
        #expect(model.replay?.position == 1)
        _ = model.press("<Space>")
        var ticks = 0
        while model.replay?.playing == true && ticks < 10_000 {
            model.answerReplayReads(model.update(.tick(model.now.addingTimeInterval(60))))
            ticks += 1
        }
        #expect(model.replay?.position == live.count)
        #expect(model.state == live[live.count - 1])
    }
}
