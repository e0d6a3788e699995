import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

/// The first frame reads only the latest events, whatever the incident's size;
/// the log pane's scroll-back arrives right after and slots in above them.
@Suite("The log pane's scroll-back, read after the first frame")
struct LogScrollBackTests {
    /// An incident of `notes` notes after its opening, written in one batch.
    static func incident(notes: Int) throws -> (SQLiteIncidentStore, IncidentID, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let id = try store.openIncident(IncidentOpened(title: "Many notes", severity: Severity(rawValue: 2)!), actor: "alice", at: nil).incident.id
        try store.append(to: id, actor: "alice", at: nil) { _ in (1...notes).map { .noteAdded(NoteAdded(text: "note \($0)")) } }
        return (store, id, folder)
    }

    static func seqs(in model: ConsoleModel) -> [Int64] {
        model.logLines.compactMap { if case .event(let line) = $0 { return line.seq } else { return nil } }
    }

    static func selectedSeq(in model: ConsoleModel) -> Int64? {
        if case .event(let line)? = model.selectedLogLine { return line.seq } else { return nil }
    }

    @Test func theFirstAnswerHoldsTheLatestEventsAndTheRestFollowsInOrder() throws {
        let (store, id, folder) = try Self.incident(notes: 1_199)
        _ = folder
        let inbox = ScreenFeedbackTests.Inbox()
        let worker = StoreWorker(store: store, actor: "alice", actions: nil, send: { inbox.post($0) })
        worker.perform(.load(id))
        let earlier = try inbox.wait { if case .earlierEvents(let incident, let events) = $0 { return (incident, events) } else { return nil } }
        guard case .loaded(let state, let latest)? = inbox.all.first else { Issue.record("the first answer is not the load: \(inbox.all)"); return }
        let first = Int64(1_200) - StoreWorker.firstFrameEvents + 1
        #expect(latest.map(\.event.seq) == Array(first...1_200))
        #expect(earlier.0 == id)
        #expect(earlier.1.map(\.seq) == Array(1...(first - 1)))

        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 160, height: 40))
        _ = model.update(.loaded(state, latest))
        #expect(model.screenText.contains("note 1199"))
        _ = model.update(.earlierEvents(id, earlier.1))
        #expect(Self.seqs(in: model) == Array(1...1_200))
    }

    @Test func olderLinesFillOnlyTheRoomLeftAndTheViewStaysPut() throws {
        let (store, id, folder) = try Self.incident(notes: 999)
        _ = folder
        let state = try store.state(of: id)
        let all = try store.events(of: id, since: 0)
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 160, height: 40), logCapacity: 500)
        _ = model.update(.loaded(state, Array(all.suffix(400))))
        model.logScroll = 10
        let selected = Self.selectedSeq(in: model)
        #expect(selected == 990)
        _ = model.update(.earlierEvents(id, all.prefix(600).map(\.event)))
        #expect(Self.seqs(in: model) == Array(501...1_000), "the newest 100 of the older ones fill the pane's 500")
        #expect(Self.selectedSeq(in: model) == selected)
        // Another incident's scroll-back, arriving late, changes nothing.
        _ = model.update(.earlierEvents(IncidentID(rawValue: id.rawValue + 1), all.prefix(10).map(\.event)))
        #expect(Self.seqs(in: model) == Array(501...1_000))
    }
}
