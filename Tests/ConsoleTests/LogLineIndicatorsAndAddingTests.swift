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
        _ = model.update(.logLines([Self.line(Self.runInstances)], sourceName: "AWSLogs"))
        let named = try #require(model.visibleLogLines.last)
        let spans = LogPaneView.spans(for: named, model: model, selected: false)
        let marked = spans.filter { $0.style == .role(.danger) }.map(\.text)
        #expect(marked == ["arn:aws:sts::123456789012:federated-user/mallory", "198.51.100.7"])
        // The rest of the line is drawn as it was: the key and the instance (no indicator, no resource) are not marked.
        #expect(spans.map(\.text).joined() == "[AWSLogs] " + Self.runInstances)
        #expect(!spans.contains { $0.style == .role(.danger) && $0.text.contains("ASIA") })
        #expect(model.indicatorIDs(mentionedIn: Self.runInstances) == ["principal:arn:aws:sts::123456789012:federated-user/mallory", "ip-address:198.51.100.7"])

        // 198.51.100.70 is another address; on the screen the address at the start of a line is in the danger colour.
        _ = model.update(.logLines([Self.line("198.51.100.70:44321 -> 10.0.1.5:22 REJECT", sequence: 2),
                                    Self.line("198.51.100.7:44321 -> 10.0.1.5:22 REJECT", sequence: 3)], sourceName: "AWSLogs"))
        let lookalike = try #require(model.visibleLogLines.dropLast().last)
        #expect(!LogPaneView.spans(for: lookalike, model: model, selected: false).contains { $0.style == .role(.danger) })
        let canvas = ConsoleView.render(model)
        let row = try #require(canvas.textLines().lastIndex { $0.contains("198.51.100.7:44321") })
        let column = try #require(canvas.column(of: "198.51.100.7:44321", inRow: row))
        #expect(canvas.role(x: column, y: row) == .danger && canvas.role(x: column + 12, y: row) != .danger)
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
        let effects = model.press("<Enter>")   // compromised is pre-selected, as for `a`
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
