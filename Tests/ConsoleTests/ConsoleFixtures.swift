import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI

/// A fixed incident at fixed times, so every frame is reproducible.
enum ConsoleFixtures {
    static let opened = Date(timeIntervalSince1970: 1_795_900_000)   // 2026-11-28T21:06:40Z
    static let now = opened.addingTimeInterval(3 * 3600 + 125)

    static func events() -> [RecordedEvent] {
        var seq: Int64 = 0
        var clock = opened
        var list: [RecordedEvent] = []
        func add(_ payload: EventPayload, by actor: String = "alice", after seconds: TimeInterval = 300) {
            seq += 1
            if seq > 1 { clock = clock.addingTimeInterval(seconds) }
            let event = Event(incident: IncidentID(rawValue: 7), seq: seq, at: clock, recordedAt: clock, actor: actor, payload: payload)
            list.append(RecordedEvent(event: event, body: (try? payload.encodedBody()) ?? "{}", prevHash: "", hash: ""))
        }
        add(.incidentOpened(IncidentOpened(title: "Instance role credentials used outside AWS", severity: Severity(rawValue: 2)!,
                                           accounts: ["123456789012"], regions: ["us-east-1"])))
        add(.phaseEntered(PhaseEntered(phase: .detection)))
        add(.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance, region: "us-east-1", account: "123456789012", owner: "web-team", state: .compromised)), by: "bob")
        add(.resourceAdded(ResourceAdded(id: "AKIAIOSFODNN7EXAMPLE", kind: .iamAccessKey, account: "123456789012", state: .compromised)), by: "bob")
        add(.resourceAdded(ResourceAdded(id: "arn:aws:iam::123456789012:role/web-role", kind: .iamRole, account: "123456789012", state: .suspected)))
        add(.resourceAdded(ResourceAdded(id: "vol-0a1b2c3d4e5f60718", kind: .ebsVolume, region: "us-east-1", owner: "web-team", state: .suspected)))
        add(.checklistItemChanged(ChecklistItemChanged(item: "detection.intent", state: .done)))
        add(.noteAdded(NoteAdded(text: "key used from 198.51.100.7 — 日本 ✓")), by: "carol")
        add(.phaseEntered(PhaseEntered(phase: .containment)))
        add(.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .compromised, to: .contained, reason: "isolation group")), by: "bob")
        add(.checklistItemChanged(ChecklistItemChanged(item: "containment.isolation-security-group", state: .done)), by: "bob")
        add(.checklistItemChanged(ChecklistItemChanged(item: "containment.route53", state: .skipped, reason: "no DNS involved")))
        return list
    }

    /// A model showing the fixture incident at `size`.
    static func model(size: Size, mode: ConsoleMode = .live) throws -> ConsoleModel {
        var model = ConsoleModel(mode: mode, operatorName: "alice", size: size, now: now)
        let events = events()
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        return model
    }
}

extension ConsoleModel {
    /// Sends keys by their spelling and collects the effects.
    mutating func press(_ spellings: String...) -> [ConsoleEffect] {
        spellings.flatMap { spelling -> [ConsoleEffect] in
            guard let key = Key(spelling: spelling) else { fatalError("bad key spelling \(spelling)") }
            return update(.key(key))
        }
    }

    /// Does for a replay's reads what the store worker does (`ConsoleEffect.readReplay`) and hands the answers back.
    mutating func answerReplayReads(_ effects: [ConsoleEffect]) {
        for case .readReplay(let read) in effects {
            do {
                _ = update(.replayEvents(read, try read.perform()))
            } catch {
                _ = update(.replayReadFailed(read, reason: "\(error)"))
            }
        }
    }

    /// Types text into whatever has the keys.
    mutating func type(_ text: String) {
        for character in text { _ = update(.key(.character(character))) }
    }

    var screenText: String {
        ConsoleView.render(self).textLines().joined(separator: "\n")
    }
}
