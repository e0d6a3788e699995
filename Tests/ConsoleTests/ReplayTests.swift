import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

@Suite("Replay: the same reducer at any point of the record")
struct ReplayTests {
    static func replayModel(size: Size = Size(width: 120, height: 40)) throws -> ConsoleModel {
        var model = ConsoleModel(mode: .replay, operatorName: "reviewer", size: size, now: ConsoleFixtures.now)
        _ = model.update(.replayLoaded(try ReplayLog(events: ConsoleFixtures.events().map(\.event))))
        return model
    }

    @Test func saysItIsReadingTheRecordUntilItIsIndexed() throws {
        let model = ConsoleModel(mode: .replay, operatorName: "reviewer", size: Size(width: 120, height: 40), now: ConsoleFixtures.now)
        #expect(model.screenText.contains("Reading the record to replay"))
        #expect(!model.screenText.contains("No open incident"))
        #expect(!(try Self.replayModel()).screenText.contains("Reading the record"))
    }

    @Test func startsAtTheOpeningPausedAndStepsThroughEveryEvent() throws {
        var model = try Self.replayModel()
        let events = ConsoleFixtures.events().map(\.event)
        #expect(model.replay?.position == 1)
        #expect(model.state?.phase == .readiness)
        #expect(model.screenText.contains("REPLAY"))
        #expect(model.screenText.contains("⏸ 1/12"))
        for position in 2...events.count {
            _ = model.press(".")
            // Exactly the fold of the first `position` events: what the panes showed then.
            #expect(model.state == (try IncidentState.replaying(events.prefix(position))))
            #expect(model.logLines.count == position)
        }
        _ = model.press(".")
        #expect(model.replay?.position == events.count)
        _ = model.press(",", ",")
        #expect(model.replay?.position == events.count - 2)
    }

    @Test func jumpsBetweenPhasesAndEnds() throws {
        var model = try Self.replayModel()
        _ = model.press("}")
        #expect(model.state?.phase == .detection)
        #expect(model.replay?.position == 2)
        _ = model.press("}")
        #expect(model.state?.phase == .containment)
        #expect(model.replay?.position == 9)
        #expect(model.selectedPhase == .containment)
        _ = model.press("{")
        #expect(model.state?.phase == .detection)
        _ = model.press("$")
        #expect(model.replay?.atEnd == true)
        #expect(model.state?.resources.first { $0.id == "i-0123456789abcdef0" }?.state == .contained)
        _ = model.press("0")
        #expect(model.replay?.position == 1)
        #expect(model.state?.resources.isEmpty == true)
    }

    @Test func seeksToATime() throws {
        var model = try Self.replayModel()
        // Events are five minutes apart from 21:06:40Z; 21:33 falls after the sixth.
        _ = model.press("t")
        model.type("21:33")
        _ = model.press("<Enter>")
        #expect(model.replay?.position == 6)
        _ = model.press("t")
        model.type("2026-11-28T21:51:40Z")
        _ = model.press("<Enter>")
        #expect(model.replay?.position == 10)
        _ = model.press("t")
        model.type("lunchtime")
        _ = model.press("<Enter>")
        guard case .prompt(let form) = model.overlay else { Issue.record("a bad time must keep the prompt open"); return }
        #expect(form.prompt.error?.contains("is not a time") == true)
    }

    @Test func playingFollowsTheRecordedClockAndSkipsIdleGaps() throws {
        var model = try Self.replayModel()
        _ = model.press("<Space>")
        #expect(model.replay?.playing == true)
        #expect(model.wantsFastTicks)
        // Five minutes between events at 1× would be a long wait: idle skipping jumps to the next event.
        _ = model.update(.tick(model.now.addingTimeInterval(0.05)))
        #expect(model.replay?.position == 2)
        _ = model.press("i")
        #expect(model.replay?.skipIdle == false)
        _ = model.press("+", "+", "+", "+", "+", "+")   // 300×
        #expect(model.replay?.speed == 300)
        _ = model.update(.tick(model.now.addingTimeInterval(0.5)))   // 150 s of record: not yet
        #expect(model.replay?.position == 2)
        _ = model.update(.tick(model.now.addingTimeInterval(0.6)))   // 180 s more: past the next event
        #expect(model.replay?.position == 3)
        _ = model.press("<Space>")
        #expect(model.replay?.playing == false)
    }

    @Test func theScrubberMarksEachPhaseAndWhereTheReplayStands() throws {
        var model = try Self.replayModel()
        func bar() -> [Character] {
            let line = model.screenText.split(separator: "\n").last.map(String.init) ?? ""
            #expect(line.hasPrefix(model.replay?.atEnd == true ? "⏸ 12/12 " : "⏸ 1/12 "))
            guard let status = line.range(of: "skip idle ") else { Issue.record("no scrubber in \(line)"); return [] }
            return Array(line[status.upperBound...]).filter { $0 != " " }
        }
        // At the opening: the marker first, nothing played yet, phases 2 (event 2) and 3 (event 9) ahead in order.
        var cells = bar()
        #expect(cells.first == "●")
        #expect(!cells.contains("━"))
        let detection = try #require(cells.firstIndex(of: "2")), containment = try #require(cells.firstIndex(of: "3"))
        #expect(detection < containment)
        // Events 2 and 9 of 12: the marks sit about 1/11 and 8/11 along the bar.
        #expect(abs(Double(containment) / Double(cells.count - 1) - 8.0 / 11) < 0.05)
        _ = model.press("$")
        cells = bar()
        #expect(cells.last == "●")
        #expect(cells.first == "1")
        #expect(!cells.contains("─"))
        // The status grew by a digit, so the bar is a cell shorter; the mark keeps its place along it.
        let markAtEnd = try #require(cells.firstIndex(of: "3"))
        #expect(abs(Double(markAtEnd) / Double(cells.count - 1) - 8.0 / 11) < 0.05)
    }

    @Test func replayHasNoKeyThatChangesAnything() throws {
        var model = try Self.replayModel()
        #expect(model.bindings.bindings.allSatisfy { !$0.mutates })
        for spelling in ["x", "s", "u", "A", "n", "a", "P", "C", "O", "c", "e", "R"] {
            for pane in ["1", "2", "3", "4"] {
                _ = model.press(pane)
                #expect(model.press(spelling).allSatisfy { effect in
                    if case .record = effect { return false } else { return true }
                }, "\(spelling) in pane \(pane)")
                _ = model.press("<Esc>")
            }
        }
    }

    @Test func seekingAnywhereInALongRecordStartsFromACheckpoint() throws {
        // 25,000 events: a seek must apply at most one checkpoint interval of them.
        var events = ConsoleFixtures.events().map(\.event)
        var clock = events.last!.recordedAt
        for seq in Int64(events.count + 1)...25_000 {
            clock = clock.addingTimeInterval(1)
            events.append(Event(incident: IncidentID(rawValue: 7), seq: seq, at: clock, recordedAt: clock, actor: "bot",
                                payload: .noteAdded(NoteAdded(text: "line \(seq)"))))
        }
        var replay = try ReplayState(events: events)
        for target in [24_999, 3, 12_345, 12_346, 1, 25_000, 7_777] {
            try replay.seek(to: target)
            #expect(replay.position == target)
            #expect(replay.state.lastSeq == Int64(target))
            // Exactly the fold of the events up to the target (notes are not in the state, so the whole state is compared).
            #expect(replay.state == (try IncidentState.replaying(events.prefix(target))))
        }
    }
}
