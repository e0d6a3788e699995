import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing
import FirebreakTestSupport

/// A replay's first frame comes from its first stage (the opening, the count,
/// the phase entries) and the rest of the record is indexed in the background:
/// whatever the reviewer does before the index is done shows the live state
/// at that event, or waits for the index and then does.
@Suite("Replay: the first frame at once, the index in the background")
struct ReplayIndexingTests {
    /// Events recorded: the index takes two stretches (2,000 events each), and
    /// the end is farther than a checkpoint interval from every state known after the first.
    static let events = 3_500

    struct Recorded {
        let folder: ReplayCheckpointTests.Folder
        let store: SQLiteIncidentStore
        let id: IncidentID
        /// The live state after each event.
        let live: [IncidentState]
    }

    static func recorded(seed: UInt64) throws -> Recorded {
        let folder = try ReplayCheckpointTests.Folder()
        let (id, live) = try ReplayCheckpointTests.record(events, seed: seed, into: try SQLiteIncidentStore(path: folder.database))
        // As `firebreak replay` opens it.
        return Recorded(folder: folder, store: try SQLiteIncidentStore(path: folder.database, mode: .readOnly), id: id, live: live)
    }

    static func replayModel(_ log: ReplayLog) -> ConsoleModel {
        var model = ConsoleModel(mode: .replay, operatorName: "reviewer", size: Size(width: 120, height: 40), now: ConsoleFixtures.now)
        _ = model.update(.replayLoaded(log))
        return model
    }

    static func reads(_ effects: [ConsoleEffect]) -> [ReplayRead] {
        effects.compactMap { effect -> ReplayRead? in
            if case .readReplay(let read) = effect { return read }
            return nil
        }
    }

    @Test func theFirstStageHasTheOpeningTheCountAndEveryPhaseEntry() throws {
        let record = try Self.recorded(seed: 31)
        let first = try ReplayLog.open(record.id, from: record.store)
        #expect(first.count == Self.events)
        #expect(first.indexed == 1 && !first.isIndexed)
        // Every phase entry, each where the live phase became it: what the one-pass index finds.
        let whole = try ReplayLog.load(record.id, from: record.store)
        #expect(first.phaseStarts == whole.phaseStarts)
        #expect(first.phaseStarts.count > 3)
        for start in first.phaseStarts { #expect(record.live[start.position - 1].phase == start.phase) }
        #expect(ReplayState(log: first).state == record.live[0])
        // The first frame: event 1 of all of them, the phases marked, the indexing under way.
        let model = Self.replayModel(first)
        #expect(model.screenText.contains("⏸ 1/\(Self.events) "))
        #expect(model.screenText.contains("indexing 0%"))
        #expect(!Self.replayModel(whole).screenText.contains("indexing"))
    }

    @Test func indexingAStretchAtATimeGivesTheOnePassIndex() throws {
        let record = try Self.recorded(seed: 32)
        let whole = try ReplayLog.load(record.id, from: record.store)
        var indexer = ReplayIndexer(try ReplayLog.open(record.id, from: record.store))
        var snapshots: [ReplayLog] = []
        while try indexer.indexNextStretch() { snapshots.append(indexer.log) }
        snapshots.append(indexer.log)
        #expect(snapshots.map(\.indexed) == [2_001, Self.events])
        #expect(snapshots[0].checkpoints == Array(whole.checkpoints.prefix(3)))
        #expect(snapshots[0].recordedAt == Array(whole.recordedAt.prefix(2_001)))
        #expect(snapshots[1].checkpoints == whole.checkpoints)
        #expect(snapshots[1].recordedAt == whole.recordedAt)
        // From a snapshot part way, the indexing goes on where it stood.
        var resumed = ReplayIndexer(snapshots[0])
        while try resumed.indexNextStretch() {}
        #expect(resumed.log.checkpoints == whole.checkpoints)
        #expect(resumed.log.recordedAt == whole.recordedAt)
    }

    @Test func aSeekAskedBeforeTheIndexLandsOnTheRightStateOnceItIsThere() throws {
        let record = try Self.recorded(seed: 33)
        let first = try ReplayLog.open(record.id, from: record.store)
        var model = Self.replayModel(first)
        // The end is thousands of events from any state known yet: the seek waits, reading nothing.
        #expect(Self.reads(model.press("$")).isEmpty)
        #expect(model.replay?.awaitingIndex == .position(Self.events))
        #expect(model.replay?.position == 1)
        #expect(model.state == record.live[0])
        #expect(model.status?.text.contains("indexing the record (0%)") == true)

        var indexer = ReplayIndexer(first)
        #expect(try indexer.indexNextStretch() == true)
        // 2,001 indexed: the end is still 1,500 events past the last checkpoint.
        #expect(model.update(.replayIndexed(indexer.log)).isEmpty)
        #expect(model.replay?.awaitingIndex == .position(Self.events))
        #expect(model.replay?.position == 1)
        #expect(model.screenText.contains("indexing 57%"))

        #expect(try indexer.indexNextStretch() == false)
        let landing = model.update(.replayIndexed(indexer.log))
        #expect(Self.reads(landing).count == 1, "the waiting seek reads its stretch through the store worker")
        model.answerReplayReads(landing)
        #expect(model.replay?.awaitingIndex == nil)
        #expect(model.replay?.position == Self.events)
        #expect(model.state == record.live[Self.events - 1])
        #expect(!model.screenText.contains("indexing"))
    }

    @Test func onlyTheLatestSeekLandsAndATimeWaitsForTheTimes() throws {
        let record = try Self.recorded(seed: 34)
        let first = try ReplayLog.open(record.id, from: record.store)
        let whole = try ReplayLog.load(record.id, from: record.store)
        var model = Self.replayModel(first)
        _ = model.press("$")
        // A later seek, in reach (the next event): it lands, and the wait is dropped.
        model.answerReplayReads(model.press("."))
        #expect(model.replay?.awaitingIndex == nil)
        #expect(model.replay?.position == 2)
        #expect(model.update(.replayIndexed(whole)).isEmpty)
        #expect(model.replay?.position == 2)
        #expect(model.state == record.live[1])

        // A time after the last event indexed may fall past it: it waits for the times.
        var timed = Self.replayModel(first)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let after = whole.recordedAt(Self.events).addingTimeInterval(1)
        _ = timed.press("t")
        timed.type(formatter.string(from: after))
        #expect(Self.reads(timed.press("<Enter>")).isEmpty)
        guard case .time(_)? = timed.replay?.awaitingIndex else { Issue.record("the time seek did not wait: \(String(describing: timed.replay?.awaitingIndex))"); return }
        timed.answerReplayReads(timed.update(.replayIndexed(whole)))
        let expected = whole.position(at: try Timestamp.parse(formatter.string(from: after)))
        #expect(expected == Self.events)
        #expect(timed.replay?.position == expected)
        #expect(timed.state == record.live[expected - 1])
    }

    @Test func steppingAndPlayingBeforeTheIndexShowTheLiveStates() throws {
        let record = try Self.recorded(seed: 35)
        let first = try ReplayLog.open(record.id, from: record.store)
        var model = Self.replayModel(first)
        for position in 2...6 {
            model.answerReplayReads(model.press("."))
            #expect(model.replay?.position == position)
            #expect(model.state == record.live[position - 1])
        }
        // Playing: the recorded times past the index are not known yet, so the replay holds there.
        _ = model.press("<Space>")
        model.answerReplayReads(model.update(.tick(model.now.addingTimeInterval(60))))
        #expect(model.replay?.playing == true)
        #expect(model.replay?.position == 6)
        var indexer = ReplayIndexer(first)
        _ = try indexer.indexNextStretch()
        _ = model.update(.replayIndexed(indexer.log))
        // A minute of record per tick passes every event: up to the last one indexed, and no further.
        for _ in 0..<3 { model.answerReplayReads(model.update(.tick(model.now.addingTimeInterval(60)))) }
        #expect(model.replay?.position == 2_001)
        #expect(model.state == record.live[2_000])
        while try indexer.indexNextStretch() {}
        _ = model.update(.replayIndexed(indexer.log))
        var ticks = 0
        while model.replay?.playing == true && ticks < 100 {
            model.answerReplayReads(model.update(.tick(model.now.addingTimeInterval(60))))
            ticks += 1
        }
        #expect(model.replay?.position == Self.events)
        #expect(model.state == record.live[Self.events - 1])
    }

    /// Wherever a seek asked on a partial index lands, it is the live state there; where it cannot yet, it waits and lands once the index is whole.
    @Test(arguments: [41, 42] as [UInt64])
    func everySeekOnAPartialIndexIsTheLiveStateOrWaitsForIt(seed: UInt64) throws {
        let record = try Self.recorded(seed: seed)
        let first = try ReplayLog.open(record.id, from: record.store)
        var indexer = ReplayIndexer(first)
        _ = try indexer.indexNextStretch()
        let partial = indexer.log
        while try indexer.indexNextStretch() {}
        let whole = indexer.log
        var rng = SeededGenerator(seed: seed)
        var replay = ReplayState(log: first)
        var landed = 0, waited = 0
        for step in 0..<80 {
            if step == 20 { _ = replay.extend(with: partial) }
            let target = Bool.random(using: &rng) ? Int.random(in: 1...Self.events, using: &rng)
                : min(Self.events, max(1, replay.position + [-1, 1, 7, -300, 900].randomElement(using: &rng)!))
            let before = replay.position
            try replay.seek(to: target)
            if replay.awaitingIndex == nil {
                landed += 1
                #expect(replay.position == target)
                #expect(replay.state == record.live[target - 1], "seed \(seed), seek to \(target)")
                #expect(replay.recentEvents.map(\.seq) == Array(Int64(max(1, target - ReplayState.logWindow + 1))...Int64(target)))
            } else {
                waited += 1
                #expect(replay.position == before, "a waiting seek moved the replay")
                #expect(replay.awaitingIndex == .position(target))
            }
        }
        #expect(landed > 0 && waited > 0)
        // The last seek, if it waits, lands once the index is whole.
        try replay.seek(to: Self.events - 1)
        #expect(replay.awaitingIndex == .position(Self.events - 1) || replay.position == Self.events - 1)
        if let read = replay.extend(with: whole) { try replay.land(read, events: read.perform()) }
        #expect(replay.position == Self.events - 1)
        #expect(replay.state == record.live[Self.events - 2])
    }

    @Test func aFailedIndexDropsTheWaitingSeekAndSaysWhy() throws {
        let record = try Self.recorded(seed: 36)
        var model = Self.replayModel(try ReplayLog.open(record.id, from: record.store))
        _ = model.press("$")
        #expect(model.replay?.awaitingIndex != nil)
        _ = model.update(.replayIndexFailed(reason: "the database is busy"))
        #expect(model.replay?.awaitingIndex == nil)
        #expect(model.replay?.position == 1)
        #expect(model.status?.isError == true)
        #expect(model.status?.text.contains("the database is busy") == true)
    }

    /// What the store worker sends, for the test to wait on.
    final class Inbox: @unchecked Sendable {
        private let condition = NSCondition()
        private var messages: [ConsoleMessage] = []

        func add(_ message: ConsoleMessage) {
            condition.lock()
            messages.append(message)
            condition.broadcast()
            condition.unlock()
        }

        /// The messages so far once `done` holds for them (nil past `timeout` seconds).
        func wait(timeout: TimeInterval, until done: ([ConsoleMessage]) -> Bool) -> [ConsoleMessage]? {
            condition.lock()
            defer { condition.unlock() }
            let deadline = Date().addingTimeInterval(timeout)
            while !done(messages) {
                guard condition.wait(until: deadline) else { return done(messages) ? messages : nil }
            }
            return messages
        }
    }

    /// The console's store worker, on a real file: the first frame's log goes
    /// to the model first, then snapshots of the index as it grows, the last one whole.
    @Test func theStoreWorkerSendsTheFirstFrameBeforeTheIndex() throws {
        let record = try Self.recorded(seed: 37)
        let inbox = Inbox()
        let worker = StoreWorker(store: record.store, actor: "reviewer", actions: nil, send: { inbox.add($0) })
        worker.perform(.loadReplay(record.id))
        let received = try #require(inbox.wait(timeout: 300) { messages in
            messages.contains { message in
                switch message {
                case .replayIndexed(let log): log.isIndexed
                case .replayIndexFailed, .failed: true
                default: false
                }
            }
        }, "the index never came")
        worker.drain()
        guard case .replayLoaded(let first)? = received.first else { Issue.record("the first message is \(String(describing: received.first))"); return }
        #expect(first.indexed == 1)
        #expect(first.count == Self.events)
        let snapshots = received.dropFirst().compactMap { message -> ReplayLog? in
            if case .replayIndexed(let log) = message { log } else { nil }
        }
        #expect(snapshots.count == received.count - 1, "only index snapshots follow: \(received.dropFirst())")
        #expect(zip(snapshots, snapshots.dropFirst()).allSatisfy { $0.indexed < $1.indexed })
        let whole = try ReplayLog.load(record.id, from: record.store)
        #expect(snapshots.last?.checkpoints == whole.checkpoints)
        #expect(snapshots.last?.recordedAt == whole.recordedAt)
    }
}
