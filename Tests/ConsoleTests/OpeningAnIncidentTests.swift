import Foundation
import IncidentModel
import LogTail
@testable import Console
import TerminalUI
import Testing

/// The moments between a console starting and its incident being on screen:
/// what a followed source sends meanwhile and what the responder types
/// meanwhile are both kept, and nothing keeps the responder from quitting.
@Suite("Opening an incident: lines and keys that come before it")
struct OpeningAnIncidentTests {
    static let size = Size(width: 200, height: 60)

    static func opening() -> ConsoleModel {
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: size, now: ConsoleFixtures.now)
        model.willAwait(.load(IncidentID(rawValue: 1)))
        return model
    }

    static func loaded() throws -> ConsoleMessage {
        let events = ConsoleFixtures.events()
        return .loaded(try IncidentState.replaying(events.map(\.event)), events)
    }

    static func fileLine(_ text: String, sequence: UInt64) -> LogTail.LogLine {
        LogTail.LogLine(sourceID: "file:/tmp/drill.log", sequence: sequence, bytes: Array(text.utf8))
    }

    /// A file read from its start can beat the store's first read: its lines stay, after the incident's events.
    @Test func linesOfAFollowedSourceThatArriveBeforeTheIncidentStay() throws {
        var model = Self.opening()
        _ = model.update(.logLines([Self.fileLine("nginx: POST /admin/upload.php", sequence: 1),
                                    Self.fileLine("vpc-flow: 10.20.1.15 -> 203.0.113.77:4444 ACCEPT", sequence: 2)], sourceName: "drill.log"))
        _ = model.update(try Self.loaded())
        let texts = model.logLines.map(\.text)
        #expect(texts.count == ConsoleFixtures.events().count + 2)
        #expect(texts.suffix(2) == ["[drill.log] nginx: POST /admin/upload.php", "[drill.log] vpc-flow: 10.20.1.15 -> 203.0.113.77:4444 ACCEPT"])
        #expect(model.screenText.contains("vpc-flow: 10.20.1.15"))
    }

    /// Opening another incident from the picker keeps the followed lines too, and drops the old incident's events.
    @Test func openingAnotherIncidentKeepsTheFollowedLinesOnly() throws {
        var model = try ConsoleFixtures.model(size: Self.size)
        _ = model.update(.logLines([Self.fileLine("auditd: read /var/www/shop/.env", sequence: 1)], sourceName: "drill.log"))
        var other = ConsoleFixtures.events()
        other = Array(other.prefix(1))
        _ = model.update(.loaded(try IncidentState.replaying(other.map(\.event)), other))
        #expect(model.logLines.map(\.text).last == "[drill.log] auditd: read /var/www/shop/.env")
        #expect(model.logLines.count == 2)
    }

    /// `4 / vpc Enter` typed as the console starts filters the log once the incident is on screen.
    @Test func keysTypedBeforeTheIncidentIsOnScreenActOnItOnceItIs() throws {
        var model = Self.opening()
        _ = model.press("4", "/", "v", "p", "c", "<Enter>")
        #expect(model.focus != .log && model.logFilter.isEmpty && model.overlay == nil)
        _ = model.update(try Self.loaded())
        #expect(model.focus == .log)
        #expect(model.logFilter == "vpc")
        #expect(model.overlay == nil)
        #expect(!model.typeAhead.isWaiting)
    }

    /// A store that never answers holds the keys only until the deadline, and says so.
    @Test func keysHeldForAnIncidentThatNeverComesAreDroppedAtTheDeadline() {
        var model = Self.opening()
        _ = model.press("4", "/")
        _ = model.update(.tick(ConsoleFixtures.now.addingTimeInterval(TypeAhead.patience + 1)))
        #expect(model.status?.text.contains("keys typed while waiting were not used: 4 /") == true)
        #expect(!model.typeAhead.isWaiting)
    }

    /// The incident could not be read: the held keys are dropped, not applied to an empty screen.
    @Test func aFailedFirstReadDropsTheHeldKeys() {
        var model = Self.opening()
        _ = model.press("4")
        _ = model.update(.failed("INC-1 does not exist"))
        #expect(!model.typeAhead.isWaiting)
        #expect(model.focus != .log)
    }

    /// Quitting is never held, however slow the store.
    @Test func qQuitsAtOnceWhileTheIncidentIsStillBeingRead() {
        var model = Self.opening()
        _ = model.press("q")
        #expect(model.shouldQuit)
    }
}
