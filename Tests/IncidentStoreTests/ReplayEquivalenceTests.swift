import Foundation
import IncidentModel
import IncidentStore
import Testing
import FirebreakTestSupport

@Suite("Replay equals live, for random valid event sequences")
struct ReplayEquivalenceTests {
    /// A random payload that is valid for `state` (nil when the pick does not apply now).
    static func randomPayload(for state: IncidentState, using rng: inout SeededGenerator) -> EventPayload? {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:
            let phase = Phase.allCases.randomElement(using: &rng)!
            return phase == state.phase ? nil : .phaseEntered(PhaseEntered(phase: phase))
        case 1, 2:
            let id = "i-" + String(format: "%08x", UInt32.random(in: 0...UInt32.max, using: &rng))
            return state.resources.contains { $0.id == id } ? nil
                : .resourceAdded(ResourceAdded(id: id, kind: .ec2Instance, state: ResourceState.allCases.randomElement(using: &rng)!))
        case 3:
            guard let resource = state.resources.randomElement(using: &rng) else { return nil }
            let target = ResourceState.allCases.randomElement(using: &rng)!
            return target == resource.state ? nil : .resourceStateChanged(ResourceStateChanged(resource: resource.id, from: resource.state, to: target))
        case 4:
            let item = state.checklist.randomElement(using: &rng)!
            let target = ChecklistItemState.allCases.randomElement(using: &rng)!
            return target == item.state ? nil : .checklistItemChanged(ChecklistItemChanged(item: item.id, state: target, reason: target == .skipped ? "n/a" : nil))
        case 5:
            return .noteAdded(NoteAdded(text: "note \(UInt16.random(in: 0...UInt16.max, using: &rng))"))
        case 6:
            let role = IncidentRole.allCases.randomElement(using: &rng)!
            let name = ["alice", "bob", ""].randomElement(using: &rng)!
            return state.roles[role] == (name.isEmpty ? nil : name) ? nil : .roleAssigned(RoleAssigned(role: role, operatorName: name))
        case 7:
            let phase = Phase.allCases.randomElement(using: &rng)!
            return .checklistItemAdded(ChecklistItemAdded(item: ChecklistTemplate(id: state.nextCustomItemID(in: phase), phase: phase, text: "extra")))
        default:
            return .evidencePinned(EvidencePinned(source: "file:/var/log/auth.log", line: "sshd accepted", loggedAt: Date(timeIntervalSince1970: 1_800_000_000),
                                                  sha256: String(repeating: "ab", count: 32)))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func replayAtEveryEventEqualsTheLiveStateThen(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteIncidentStore(path: folder.path("incidents.db"))
        var rng = SeededGenerator(seed: seed)
        let id = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
        var liveStates = [try store.state(of: id)]
        var attempts = 0
        while liveStates.count < 150 && attempts < 2_000 {
            attempts += 1
            let current = liveStates.last!
            if current.incident.status == .closed {
                try store.append(to: id, actor: "bob", at: nil) { _ in [.incidentReopened(IncidentReopened())] }
            } else if Int.random(in: 0..<40, using: &rng) == 0 {
                try store.append(to: id, actor: "bob", at: nil) { _ in [.incidentClosed(IncidentClosed(resolution: "done"))] }
            } else if let payload = Self.randomPayload(for: current, using: &rng) {
                try store.append(to: id, actor: ["alice", "bob"].randomElement(using: &rng)!, at: nil) { _ in [payload] }
            } else {
                continue
            }
            liveStates.append(try store.state(of: id))
        }
        let events = try store.events(of: id, since: 0).map(\.event)
        #expect(events.count == liveStates.count)
        // Fold every prefix of the record: the state after event N is the live state after event N.
        for n in 1...events.count {
            #expect(try IncidentState.replaying(events.prefix(n)) == liveStates[n - 1], "seed \(seed), event \(n)")
        }
        #expect(try store.verify(id).first?.isIntact == true)
    }
}
