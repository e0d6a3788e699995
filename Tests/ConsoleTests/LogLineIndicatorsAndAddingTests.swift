import Foundation
import IncidentModel
import IncidentStore
import LogTail
@testable import Console
import TerminalUI
import Testing

/// Indicators of compromise marked where a log line names them, and `+`
/// adding a resource or principal a line names, its kind inferred, its state asked.
@Suite("The log pane: indicators marked, resources added from a line")
struct LogLineIndicatorsAndAddingTests {
    /// The fixture incident with indicators recorded from a finding.
    static func model() throws -> ConsoleModel {
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 220, height: 60), now: ConsoleFixtures.now)
        var events = ConsoleFixtures.events()
        let last = events.last!.event
        let payload = EventPayload.indicatorsRecorded(IndicatorsRecorded(source: "guardduty finding 02b2c3d4", indicators: [
            IndicatorSighting(kind: .ipAddress, value: "198.51.100.7", field: "Service.Action.AwsApiCallAction.RemoteIpDetails.IpAddressV4"),
            IndicatorSighting(kind: .principal, value: "arn:aws:sts::123456789012:federated-user/mallory", field: "Resource.AccessKeyDetails.UserName"),
        ]))
        let event = Event(incident: last.incident, seq: last.seq + 1, at: last.at.addingTimeInterval(60), recordedAt: last.at.addingTimeInterval(60),
                          actor: "alice", payload: payload)
        events.append(RecordedEvent(event: event, body: (try? payload.encodedBody()) ?? "{}", prevHash: "", hash: ""))
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        return model
    }

    static func line(_ text: String, sequence: UInt64 = 1) -> LogTail.LogLine {
        LogTail.LogLine(sourceID: "delivered:/data/AWSLogs", sequence: sequence, bytes: Array(text.utf8))
    }

    static let runInstances = "ec2.amazonaws.com RunInstances by arn:aws:sts::123456789012:federated-user/mallory key=ASIAJ2K3L4M5N6EXAMPLE from 198.51.100.7 on i-0fedcba9876543210 ua=aws-cli/2.15.0"

    @Test func anIndicatorNamedInALineIsMarkedAndALookalikeIsNot() throws {
        var model = try Self.model()
        _ = model.update(.logLines([Self.line(Self.runInstances),
                                    Self.line("REJECT tcp 198.51.100.70:44321 -> 10.0.1.5:22 3 packets 180 bytes eni-0a1b2c3d4e5f60718 action=REJECT", sequence: 2)],
                                   sourceName: "AWSLogs"))
        var copy = model
        let canvas = ConsoleView.render(&copy)
        let rows = canvas.textLines()
        let named = try #require(rows.firstIndex { $0.contains("RunInstances by") })
        let address = try #require(canvas.column(of: "198.51.100.7 ", inRow: named))
        #expect(canvas.role(x: address, y: named) == .danger)
        let principal = try #require(canvas.column(of: "arn:aws:sts::123456789012:federated-user/mallory", inRow: named))
        #expect(canvas.role(x: principal + 10, y: named) == .danger)
        // Words between them, and the instance (not an indicator, not a resource), are not marked.
        let key = try #require(canvas.column(of: "ASIAJ2K3L4M5N6EXAMPLE", inRow: named))
        #expect(canvas.role(x: key, y: named) != .danger)
        // 198.51.100.70 is another address.
        let other = try #require(rows.firstIndex { $0.contains("198.51.100.70:44321") })
        let lookalike = try #require(canvas.column(of: "198.51.100.70", inRow: other))
        #expect(canvas.role(x: lookalike, y: other) != .danger)
        #expect(model.indicatorIDs(mentionedIn: Self.runInstances) == ["principal:arn:aws:sts::123456789012:federated-user/mallory", "ip-address:198.51.100.7"])
    }

    @Test func plusOffersTheNamesNotYetInTheIncidentThenAsksTheState() throws {
        var model = try Self.model()
        // AKIAIOSFODNN7EXAMPLE is already a resource of the fixture incident: it is not offered again.
        _ = model.update(.logLines([Self.line("iam.amazonaws.com CreateUser by arn:aws:iam::123456789012:user/Alice key=AKIAIOSFODNN7EXAMPLE from 198.51.100.7 on backdoor, AKIAI44QH8DHBEXAMPLE.")],
                                   sourceName: "AWSLogs"))
        #expect(model.press("4", "+").isEmpty)
        guard case .choice(let menu) = model.overlay else { Issue.record("no choice: \(String(describing: model.overlay))"); return }
        #expect(menu.options == ["iam-user arn:aws:iam::123456789012:user/Alice", "ip-address 198.51.100.7", "iam-access-key AKIAI44QH8DHBEXAMPLE"])
        _ = model.press("<Down>", "<Down>", "<Enter>")
        guard case .choice(let states) = model.overlay, case .newResourceState(let name) = states.purpose else {
            Issue.record("no state asked: \(String(describing: model.overlay))"); return
        }
        #expect(name == "AKIAI44QH8DHBEXAMPLE" && states.title == "State of AKIAI44QH8DHBEXAMPLE")
        let effects = model.press("<Down>", "<Enter>")   // suspected is offered; one down is compromised
        guard case .record(.resourceAdded(let added)) = effects.first else { Issue.record("nothing recorded: \(effects)"); return }
        #expect(added.id == "AKIAI44QH8DHBEXAMPLE" && added.kind == .iamAccessKey && added.state == .compromised)
    }

    @Test func plusOnALineWithOneNewNameAsksItsStateAtOnceAndOnNoneSaysSo() throws {
        var model = try Self.model()
        _ = model.update(.logLines([Self.line("persistence sweep: role arn:aws:iam::123456789012:role/cross-admin trusts another account")], sourceName: "sweep"))
        _ = model.press("4", "+")
        guard case .choice(let states) = model.overlay, case .newResourceState(let name) = states.purpose else {
            Issue.record("no state asked: \(String(describing: model.overlay))"); return
        }
        #expect(name == "arn:aws:iam::123456789012:role/cross-admin")
        _ = model.press("<Esc>")
        _ = model.update(.logLines([Self.line("nothing to see: i-0123456789abcdef0 is already in", sequence: 2)], sourceName: "sweep"))
        _ = model.press("G", "+")
        #expect(model.overlay == nil)
        #expect(model.status?.text == "the line names no resource that is not already in the incident")
    }
}
