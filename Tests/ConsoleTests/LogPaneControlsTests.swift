import Foundation
import IncidentModel
import IncidentStore
import LogTail
@testable import Console
import TerminalUI
import Testing

/// The log pane beyond showing lines: a bounded ring, the marker for lines
/// that arrive while scrolled up, search, level and source toggles, sources
/// paused and removed, local time, and kept lines in a replay.
@Suite("The log pane: ring, marker, search, toggles, sources, time, replay")
struct LogPaneControlsTests {
    static let source = "file:/var/log/auth.log"

    static func lines(_ texts: [String], from first: UInt64 = 0, source: String = source, arrivedAt: Date = ConsoleFixtures.now) -> [LogTail.LogLine] {
        texts.enumerated().map { index, text in
            LogTail.LogLine(sourceID: LogSourceID(source), sequence: first + UInt64(index), text: text, arrivedAt: arrivedAt)
        }
    }

    static func model(capacity: Int = ConsoleModel.defaultLogCapacity) throws -> ConsoleModel {
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 200, height: 60), now: ConsoleFixtures.now,
                                 logCapacity: capacity)
        let events = ConsoleFixtures.events()
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        _ = model.update(.logSourceStatus(id: source, name: "auth.log", .following))
        return model
    }

    @Test func theRingKeepsTheNewestLinesAndMemoryStaysFlat() throws {
        var model = try Self.model(capacity: 100)
        #expect(model.logLines.capacity == 100)
        for batch in 0..<10 {
            _ = model.update(.logLines(Self.lines((0..<100).map { "batch \(batch) line \($0) " + String(repeating: "x", count: 100) },
                                                  from: UInt64(batch * 100)), sourceName: "auth.log"))
        }
        let settled = model.logLines.footprint
        for batch in 10..<100 {
            _ = model.update(.logLines(Self.lines((0..<100).map { "batch \(batch) line \($0) " + String(repeating: "x", count: 100) },
                                                  from: UInt64(batch * 100)), sourceName: "auth.log"))
        }
        #expect(model.logLines.count == 100)
        #expect(model.logLines.footprint <= settled + 100 * 8)
        #expect(model.logLines.first?.text.hasPrefix("[auth.log] batch 99 line 0 ") == true)
        #expect(model.logLines.last?.text.hasPrefix("[auth.log] batch 99 line 99 ") == true)
        // The incident's 12 events and 9,900 lines went first.
        #expect(model.logLines.droppedCount == 12 + 9_900)
    }

    @Test func linesArrivingWhileScrolledUpKeepThePlaceAndAreCountedInAMarker() throws {
        var model = try Self.model()
        _ = model.update(.logLines(Self.lines(["Accepted publickey for ec2-user", "session opened"]), sourceName: "auth.log"))
        _ = model.press("4", "k", "k")
        let selected = try #require(model.selectedLogLine?.text)
        #expect(!model.screenText.contains("new line"))
        _ = model.update(.logLines(Self.lines(["Failed password for root", "Failed password for admin", "Invalid user oracle"], from: 2),
                                   sourceName: "auth.log"))
        #expect(model.selectedLogLine?.text == selected)
        #expect(model.logUnseen == 3)
        let screen = model.screenText
        #expect(screen.contains("▼ 3 new lines below · G follows"))
        #expect(screen.contains("↓ 3 new"))
        _ = model.press("G")
        #expect(model.logUnseen == 0 && model.logFollow)
        #expect(!model.screenText.contains("new lines below"))
        #expect(model.selectedLogLine?.text == "[auth.log] Invalid user oracle")
    }

    @Test func aScrolledLineTheRingLetsGoMovesTheSelectionToTheOldest() throws {
        var model = try Self.model(capacity: 20)
        _ = model.update(.logLines(Self.lines((0..<20).map { "line \($0)" }), sourceName: "auth.log"))
        _ = model.press("4", "k", "k", "k")
        #expect(model.selectedLogLine?.text == "[auth.log] line 16")
        _ = model.update(.logLines(Self.lines((20..<30).map { "line \($0)" }, from: 20), sourceName: "auth.log"))
        #expect(model.selectedLogLine?.text == "[auth.log] line 16")
        _ = model.update(.logLines(Self.lines((30..<50).map { "line \($0)" }, from: 30), sourceName: "auth.log"))
        #expect(model.selectedLogLine?.text == "[auth.log] line 30")
    }

    @Test func searchGoesToTheNewestMatchNAndShiftNMoveAndMatchesAreHighlighted() throws {
        var model = try Self.model()
        _ = model.update(.logLines(Self.lines(["Failed password for root from 203.0.113.9", "Accepted publickey for ec2-user",
                                               "Failed password for admin from 203.0.113.9", "session closed"]), sourceName: "auth.log"))
        _ = model.press("4", "s")
        model.type("Failed password")
        _ = model.press("<Enter>")
        #expect(model.selectedLogLine?.text == "[auth.log] Failed password for admin from 203.0.113.9")
        #expect(!model.logFollow)
        _ = model.press("N")
        #expect(model.selectedLogLine?.text == "[auth.log] Failed password for root from 203.0.113.9")
        _ = model.press("N")   // wraps around to the newest match
        #expect(model.selectedLogLine?.text == "[auth.log] Failed password for admin from 203.0.113.9")
        _ = model.press("n")   // and forward, wrapping too
        #expect(model.selectedLogLine?.text == "[auth.log] Failed password for root from 203.0.113.9")

        // Matches stand out on lines that are not selected; the rest of the line does not.
        _ = model.press("G")
        let canvas = ConsoleView.render(model)
        let row = try #require(canvas.textLines().firstIndex { $0.contains("Failed password for admin") })
        let column = try #require(canvas.column(of: "Failed password", inRow: row))
        #expect(canvas.role(x: column, y: row) == .listSelected)
        #expect(canvas.role(x: column + 16, y: row) != .listSelected)
        #expect(model.screenText.contains("s:Failed password"))

        _ = model.press("s")
        model.type("re:[")
        _ = model.press("<Enter>")
        #expect(model.screenText.contains("Search the log"))   // a bad regex keeps the prompt open with the reason
        _ = model.press("<Esc>")
        _ = model.press("s")
        model.type("nothing like this")
        _ = model.press("<Enter>")
        #expect(model.status?.text == "no line matches nothing like this")
    }

    @Test func nOutsideTheLogStillAddsANote() throws {
        var model = try Self.model()
        _ = model.press("3", "n")
        #expect(model.screenText.contains("Note: "))
    }

    @Test func levelTogglesHideAndShowLines() throws {
        var model = try Self.model()
        _ = model.update(.logLines(Self.lines(["ERROR AccessDenied for AKIAIOSFODNN7EXAMPLE", "WARN disk 91% full", "GET / 200"]), sourceName: "auth.log"))
        _ = model.press("4", "e")
        var texts = model.visibleLogLines.map(\.text)
        #expect(!texts.contains { $0.contains("AccessDenied") })
        #expect(texts.contains("[auth.log] WARN disk 91% full") && texts.contains("[auth.log] GET / 200"))
        #expect(model.screenText.contains("hiding error"))
        _ = model.press("o")
        texts = model.visibleLogLines.map(\.text)
        #expect(texts.contains("[auth.log] WARN disk 91% full") && !texts.contains("[auth.log] GET / 200"))
        // Events count as info, except those that mark a resource compromised.
        #expect(model.visibleLogLines.allSatisfy { $0.level == .warning })
        _ = model.press("e", "o")
        #expect(model.visibleLogLines.count == model.logLines.count)
    }

    @Test func sourcesAreSelectedPausedMutedAndRemoved() throws {
        var model = try Self.model()
        let group = "cwl:/aws/lambda/pay"
        _ = model.update(.logSourceStatus(id: group, name: "/aws/lambda/pay", .following))
        _ = model.update(.logLines(Self.lines(["START RequestId: 1", "ERROR timeout"], source: group), sourceName: "/aws/lambda/pay"))
        _ = model.update(.logLines(Self.lines(["Accepted publickey"]), sourceName: "auth.log"))
        #expect(model.screenText.contains("/aws/lambda/pay: following · auth.log: following"))

        _ = model.press("4", "]")                      // the first followed source (sorted by id)
        #expect(model.logPane.selectedSource == group)
        #expect(model.screenText.contains("▸/aws/lambda/pay: following"))
        #expect(model.press("z") == [.logSource(.pause(id: group))])
        _ = model.update(.logSourceStatus(id: group, name: "/aws/lambda/pay", .paused))
        #expect(model.screenText.contains("/aws/lambda/pay: paused"))
        #expect(model.press("z") == [.logSource(.resume(id: group))])

        _ = model.press("m")
        #expect(!model.visibleLogLines.contains { $0.sourceID == group })
        #expect(model.visibleLogLines.contains { $0.text == "[auth.log] Accepted publickey" })
        #expect(model.screenText.contains("muted"))
        _ = model.press("m")
        #expect(model.visibleLogLines.contains { $0.sourceID == group })

        #expect(model.press("x") == [.logSource(.remove(id: group))])
        #expect(!model.screenText.contains("/aws/lambda/pay: "))
        // Nothing more from a removed source, not even a late status.
        _ = model.update(.logSourceStatus(id: group, name: "/aws/lambda/pay", .stopped))
        _ = model.update(.logLines(Self.lines(["late line"], from: 9, source: group), sourceName: "/aws/lambda/pay"))
        #expect(!model.visibleLogLines.contains { $0.text.contains("late line") })
        #expect(model.logSources[group] == nil)

        // The incident's own events can be muted but not paused or removed.
        _ = model.press("[", "[")
        #expect(model.logPane.selectedSource == "incident")
        #expect(model.press("z").isEmpty)
        #expect(model.status?.text == "the incident's own events cannot be paused")
    }

    @Test func anErrorAndTheLagShowInTheSourcesRow() throws {
        var model = try Self.model()
        let retry = ConsoleFixtures.now.addingTimeInterval(4)
        _ = model.update(.logSourceStatus(id: Self.source, name: "auth.log",
                                          .error(message: "no such file", attempt: 2, retryAt: retry)))
        #expect(model.screenText.contains("auth.log: error: no such file (try 3 at 00:08:49Z)"))
        let lagging = LogTail.LogLine(sourceID: "cwl:/g", sequence: 0, text: "late", time: ConsoleFixtures.now.addingTimeInterval(-95),
                                      arrivedAt: ConsoleFixtures.now)
        _ = model.update(.logSourceStatus(id: "cwl:/g", name: "/g", .following))
        _ = model.update(.logLines([lagging], sourceName: "/g"))
        #expect(model.screenText.contains("/g: following, lag 1m35s"))
        // A file's line that names an old time is not late: only a service's own stamp makes a lag.
        _ = model.update(.logSourceStatus(id: Self.source, name: "auth.log", .following))
        _ = model.update(.logLines(Self.lines(["2026-11-28T00:00:00Z rotated long ago"]), sourceName: "auth.log"))
        #expect(model.screenText.contains("auth.log: following") && !model.screenText.contains("auth.log: following, lag"))
    }

    @Test func timesShowInUTCOrLocalTime() throws {
        var model = try Self.model()
        model.logPane.localZone = TimeZone(identifier: "Asia/Tokyo")!
        _ = model.update(.logLines(Self.lines(["2026-11-29T00:10:00Z sshd: Accepted publickey"]), sourceName: "auth.log"))
        // One time a line: the line's own leading time is the pane's, not shown twice.
        #expect(model.screenText.contains("00:10:00Z [auth.log] sshd"))
        _ = model.press("4", "T")
        #expect(model.screenText.contains("09:10:00  [auth.log] sshd"))
        #expect(model.screenText.contains("local time"))
        _ = model.press("T")
        #expect(model.screenText.contains("00:10:00Z [auth.log]"))
    }

    @Test func aReplayShowsKeptLinesFromTheMomentTheyArrived() throws {
        var model = ConsoleModel(mode: .replay, operatorName: "reviewer", size: Size(width: 160, height: 50), now: ConsoleFixtures.now)
        let events = ConsoleFixtures.events().map(\.event)
        // One line arrived between the 3rd and 4th events, one after the last.
        let early = LogTail.LogLine(sourceID: "cwl:/g", sequence: 0, text: "CreateAccessKey by mallory",
                                    arrivedAt: events[2].recordedAt.addingTimeInterval(10))
        let late = LogTail.LogLine(sourceID: "cwl:/g", sequence: 1, text: "DeleteTrail by mallory",
                                   arrivedAt: events[11].recordedAt.addingTimeInterval(10))
        let kept = [late, early].map { line in
            KeptPaneLine(kept: KeptLogLine(sourceID: line.sourceID.rawValue, sourceName: "/g", sequence: line.sequence, time: line.time,
                                           arrivedAt: line.arrivedAt, level: line.level.rawValue, raw: line.raw,
                                           rawLength: line.rawLength, sha256Hex: line.sha256Hex))
        }
        #expect(kept[1].line.sha256Hex == early.sha256Hex)
        model.showKeptLines(kept, dropped: 7)
        _ = model.update(.replayLoaded(try ReplayLog(events: events)))
        #expect(!model.screenText.contains("CreateAccessKey by mallory"))
        _ = model.press(".", ".")
        #expect(!model.screenText.contains("CreateAccessKey by mallory"))
        _ = model.press(".")
        #expect(model.visibleLogLines.map(\.text).suffix(2) == ["[/g] CreateAccessKey by mallory", model.visibleLogLines.last!.text])
        #expect(model.screenText.contains("7 older kept lines were let go"))
        _ = model.press(",")
        #expect(!model.screenText.contains("CreateAccessKey by mallory"))
        // The end of the record shows every kept line, also those seen after the last event.
        _ = model.press("$")
        #expect(model.screenText.contains("CreateAccessKey by mallory") && model.screenText.contains("DeleteTrail by mallory"))
    }
}
