import Foundation
import FirebreakTestSupport
import IncidentModel
import IncidentStore
import Testing

/// The reads a replay's first stage makes, for both stores: the last seq
/// through the index, and the events of some kinds without the others.
@Suite("Event range reads: the last seq and the events of some kinds")
struct EventRangeReaderTests {
    @Test(arguments: StoreKind.allCases)
    func readsTheLastSeqAndThePhaseEntriesAlone(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let (writer, id) = try fixture.seeded()
        try writer.append(to: id, actor: "alice", at: nil) { _ in
            [.noteAdded(NoteAdded(text: "after containment")), .phaseEntered(PhaseEntered(phase: .recovery))]
        }
        let reader = try #require(try fixture.readOnly() as? any IncidentEventRangeReader)
        #expect(try reader.lastSeq(of: id) == 7)
        let entries = try reader.events(of: id, kinds: [IncidentOpened.kind, PhaseEntered.kind])
        #expect(entries.map(\.seq) == [1, 3, 7])
        #expect(entries.map(\.payload.kind) == [IncidentOpened.kind, PhaseEntered.kind, PhaseEntered.kind])
        guard case .phaseEntered(let last)? = entries.last?.payload else { Issue.record("the last entry is not a phase entry"); return }
        #expect(last.phase == .recovery)
        // Read back whole: the same events a stretch read gives.
        #expect(entries[1] == (try reader.events(of: id, seqs: 3...3)).first)
        #expect(try reader.events(of: id, kinds: []).isEmpty)
        #expect(try reader.events(of: id, kinds: ["no.such-kind"]).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func anUnknownIncidentIsNamedNotReadAsEmpty(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try fixture.seeded()
        let reader = try #require(try fixture.readOnly() as? any IncidentEventRangeReader)
        let unknown = IncidentID(rawValue: 99)
        #expect(throws: StoreError.unknownIncident(unknown)) { try reader.lastSeq(of: unknown) }
        #expect(throws: StoreError.unknownIncident(unknown)) { try reader.events(of: unknown, kinds: [IncidentOpened.kind]) }
    }
}
