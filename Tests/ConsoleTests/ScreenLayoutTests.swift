import Foundation
import IncidentModel
import IncidentStore
import LogTail
@testable import Console
import TerminalUI
import Testing

/// The log pane's wrap, sideways scroll and place-keeping, the zoom, and the
/// layout fixes of the phase timeline, the resources pane and the footer.
@Suite("Screen layout: log wrap and scroll, zoom, columns, footer")
struct ScreenLayoutTests {
    static func fileLine(_ text: String, sequence: UInt64) -> LogTail.LogLine {
        LogTail.LogLine(sourceID: "file:/var/log/app.log", sequence: sequence, bytes: Array(text.utf8))
    }

    /// The fixture incident with more events after it.
    static func model(size: Size, adding payloads: [EventPayload] = []) throws -> ConsoleModel {
        var events = ConsoleFixtures.events()
        for payload in payloads {
            let last = events.last!.event
            let event = Event(incident: last.incident, seq: last.seq + 1, at: last.at.addingTimeInterval(60),
                              recordedAt: last.recordedAt.addingTimeInterval(60), actor: "alice", payload: payload)
            events.append(RecordedEvent(event: event, body: (try? payload.encodedBody()) ?? "{}", prevHash: "", hash: ""))
        }
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: size, now: ConsoleFixtures.now)
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        return model
    }

    static func logRows(_ model: ConsoleModel) -> [String] {
        var copy = model
        let canvas = ConsoleView.render(copy)
        let rect = ConsoleScreenLayout(size: model.layoutSize, focus: model.focus, zoomed: model.zoomed).panes[PaneID.log.rawValue]
        return canvas.textLines()[rect.y..<rect.maxY].map { line in
            String(line.dropFirst(rect.x).prefix(rect.width))
        }
    }

    @Test func ctrlWWrapsALongLineWithItsTimeOnceAndTheRestIndentedUnderTheText() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        let tail = "the end of a long line"
        _ = model.update(.logLines([Self.fileLine("start " + String(repeating: "x", count: 150) + " " + tail, sequence: 1)], sourceName: "app.log"))
        _ = model.press("4")
        #expect(!model.screenText.contains(tail))               // cut at the edge
        _ = model.press("<C-w>")
        let rows = Self.logRows(model)
        #expect(rows.contains { $0.contains(tail) })
        let first = try #require(rows.firstIndex { $0.contains("[app.log] start") })
        // The line's time once, on its first row; the rows it wraps onto start under the text, not under a time.
        let times = rows[first...].filter { $0.range(of: #"\d\d:\d\d:\d\dZ"#, options: .regularExpression) != nil }
        #expect(times.count == 1)
        let continuation = rows[first + 1]
        #expect(continuation.dropFirst(1).hasPrefix(String(repeating: " ", count: 10)))
        #expect(continuation.contains("xxxx"))
        #expect(model.screenText.contains("wrap"))
    }

    @Test func lAndHScrollLongLinesSidewaysAndTheTimeStays() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        let tail = "TAIL-OF-THE-LINE"
        _ = model.update(.logLines([Self.fileLine(String(repeating: "y", count: 100) + tail, sequence: 1)], sourceName: "app.log"))
        _ = model.press("4")
        #expect(!Self.logRows(model).contains { $0.contains(tail) })
        _ = model.press("l", "l", "<Right>")                    // 30 columns a step at 120 wide
        let rows = Self.logRows(model)
        let row = try #require(rows.first { $0.contains(tail) })
        #expect(row.range(of: #"\d\d:\d\d:\d\dZ yyyy"#, options: .regularExpression) != nil)
        #expect(!row.contains("[app.log]"))                     // scrolled out to the left
        _ = model.press("h", "<Left>", "h", "h")
        #expect(Self.logRows(model).contains { $0.contains("[app.log] yyy") })
        #expect(model.logLayout.column == 0)
    }

    @Test func aLinesOwnLeadingTimeIsNotShownTwice() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 40))
        _ = model.update(.logLines([Self.fileLine("2026-11-29T03:04:05.250+01:00 ERROR AccessDenied for AKIA", sequence: 1)], sourceName: "app.log"))
        let row = try #require(model.screenText.split(separator: "\n").first { $0.contains("AccessDenied") })
        #expect(row.contains("02:04:05Z [app.log] ERROR AccessDenied for AKIA"))
        #expect(!row.contains("2026-11-29T03:04:05"))
        // Filters, search and the pinned evidence still have the whole line.
        #expect(model.logLines[model.logLines.count - 1].text.contains("2026-11-29T03:04:05.250+01:00"))
    }

    @Test func newLinesDoNotMoveWhatIsReadWhenScrolledBackOrPaused() throws {
        for keys in [["k", "k"], ["f"]] {
            var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
            _ = model.press("4")
            for key in keys { _ = model.press(key) }
            let before = Self.logRows(model)
            _ = model.update(.logLines([Self.fileLine("a new line arrives", sequence: 1)], sourceName: "app.log"))
            let after = Self.logRows(model)
            // Every row between the title (which counts the new line) and the marker is where it was.
            #expect(Array(after.dropFirst().dropLast(2)) == Array(before.dropFirst().dropLast(2)), "\(keys)")
            #expect(after.joined().contains("1 new line below"), "\(keys)")
            #expect(!after.joined().contains("a new line arrives"), "\(keys)")
        }
    }

    @Test func zGivesTheFocusedPaneTheWholeScreenAndBack() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 120, height: 40))
        _ = model.press("4", "Z")
        let zoomed = ConsoleScreenLayout(size: model.layoutSize, focus: model.focus, zoomed: model.zoomed)
        #expect(zoomed.visiblePanes.map(\.pane) == [.log])
        #expect(zoomed.panes[PaneID.log.rawValue] == zoomed.base.body)
        #expect(!model.screenText.contains("2 Resources"))
        #expect(model.screenText.contains("4 Log"))
        _ = model.press("2")                                    // another pane, still zoomed
        #expect(model.screenText.contains("2 Resources") && !model.screenText.contains("4 Log"))
        _ = model.press("Z")
        #expect(model.screenText.contains("2 Resources") && model.screenText.contains("4 Log") && model.screenText.contains("1 Phases"))
    }

    @Test func at80x24ThePhaseDurationsAreWhole() throws {
        let model = try ConsoleFixtures.model(size: Size(width: 80, height: 24))
        let lines = model.screenText.split(separator: "\n")
        // Readiness took 5m00s, Detection 35m00s, Containment is 2h22m in: each whole, not cut to its first digit.
        #expect(lines.contains { $0.contains("1 Readiness") && $0.contains("5m00s") })
        #expect(lines.contains { $0.contains("2 Detection") && $0.contains("35m00s") })
        #expect(lines.contains { $0.contains("3 Containment") && $0.contains("2h22m") })
    }

    @Test func aLongKindIsCutBeforeTheIdColumn() throws {
        let model = try Self.model(size: Size(width: 140, height: 40), adding: [
            .resourceAdded(ResourceAdded(id: "arn:aws:iam::123456789012:instance-profile/web-profile", kind: .iamInstanceProfile,
                                         account: "123456789012", state: .suspected)),
            .resourceAdded(ResourceAdded(id: "KIND-TEST-kubernetes", kind: .kubernetesWorkload, state: .suspected)),
        ])
        let lines = model.screenText.split(separator: "\n")
        let profile = try #require(lines.first { $0.contains("web-profile") })
        #expect(profile.contains("iam-instance-profile web-profile") || profile.contains("iam-instance-profile  web-profile")
                || profile.range(of: #"iam-instance-profile +web-profile"#, options: .regularExpression) != nil)
        let workload = try #require(lines.first { $0.contains("KIND-TEST") })
        #expect(workload.range(of: #"kubernetes-workload +KIND-TEST"#, options: .regularExpression) != nil)
    }

    @Test func theBlastRadiusTreeDrawsTeeForEveryChildButTheLast() throws {
        var model = try Self.model(size: Size(width: 160, height: 50), adding: [
            .resourceAdded(ResourceAdded(id: "sg-0123456789abcdef0", kind: .securityGroup, region: "us-east-1",
                                         foundVia: ResourceLink(from: "i-0123456789abcdef0", relation: "security group of"))),
            .resourceAdded(ResourceAdded(id: "vpc-0123456789abcdef0", kind: .vpc, region: "us-east-1",
                                         foundVia: ResourceLink(from: "sg-0123456789abcdef0", relation: "VPC of"))),
            .resourceAdded(ResourceAdded(id: "eni-0123456789abcdef0", kind: .networkInterface, region: "us-east-1",
                                         foundVia: ResourceLink(from: "i-0123456789abcdef0", relation: "interface of"))),
        ])
        _ = model.press("2")
        while model.resourceSort != .tree { _ = model.press("o") }
        let lines = model.screenText.split(separator: "\n").map(String.init)
        func row(_ id: String) throws -> String { try #require(lines.first { $0.contains(id) }) }
        #expect(try row("sg-0123456789abcdef0").contains("├ sg-0123456789abcdef0"))
        #expect(try row("vpc-0123456789abcdef0").contains("│ └ vpc-0123456789abcdef0"))
        #expect(try row("eni-0123456789abcdef0").contains("└ eni-0123456789abcdef0"))
        #expect(try !row("eni-0123456789abcdef0").contains("├"))
    }

    @Test func aLongFooterMessageIsReadWholeAtTheRealWidthAndCutOnlyPastIt() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 400, height: 40))
        let message = "discovery found " + (1...30).map { "sg-\($0)" }.joined(separator: ", ") + " and the end"
        #expect(message.count > 160 && message.count < 400)
        _ = model.update(.notice(message))
        let footer = String(model.screenText.split(separator: "\n").last!)
        #expect(footer.contains(message))
        var narrow = try ConsoleFixtures.model(size: Size(width: 80, height: 24))
        _ = narrow.update(.notice(message))
        let cut = String(narrow.screenText.split(separator: "\n").last!)
        #expect(cut.hasPrefix("discovery found sg-1"))
        #expect(cut.hasSuffix("…"))
    }

    @Test func replaysEmptyPanesSayWhatTheReplayShows() throws {
        var model = ConsoleModel(mode: .replay, operatorName: "alice", size: Size(width: 120, height: 40), now: ConsoleFixtures.now)
        let first = ConsoleFixtures.events()[0]
        _ = model.update(.loaded(try IncidentState.replaying([first.event]), [first]))
        #expect(!model.screenText.contains("+ adds one"))
        #expect(model.screenText.contains("none by this point of the replay"))
    }
}
