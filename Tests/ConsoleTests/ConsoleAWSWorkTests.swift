import Foundation
import IncidentModel
import IncidentStore
@testable import Console
import TerminalUI
import Testing

/// The console's keys for AWS work besides actions — run what backs a
/// checklist item, discover, import, metrics — and the blast-radius tree.
@Suite("AWS work and the blast radius from the console")
struct ConsoleAWSWorkTests {
    @Test func rRunsWhatBacksTheSelectedItem() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        // Containment is on screen: its first item is for people, the next is backed by the isolate action.
        _ = model.press("3", "g")
        #expect(model.selectedItem?.id == "containment.automate")
        #expect(model.press("r").isEmpty)
        #expect(model.status?.text.contains("nothing in Firebreak backs containment.automate") == true)
        _ = model.press("j")
        #expect(model.press("r") == [.offerAction("ec2.isolate")])
        // The store worker answers (keys typed before it does are held for the menu it opens).
        _ = model.update(.actionsAvailable(resources: ["i-0123456789abcdef0"], [ActionChoice(id: "ec2.isolate", summary: "isolate", risk: "reversible")]))
        _ = model.press("<Esc>")
        // The Readiness phase's items are backed by the audit.
        _ = model.press("[", "[", "g", "j")
        #expect(model.selectedItem?.id == "readiness.owner-tags")
        #expect(model.press("r") == [.awsWork(.auditReadiness)])
        #expect(model.pendingWrites == 1)
    }

    @Test func dDiscoversFromTheSelectedResource() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        _ = model.press("2", "g")
        let selected = try #require(model.selectedResource)
        #expect(model.press("D") == [.awsWork(.discover(resource: selected.id))])
        #expect(model.status?.text.contains("discovering what is related to \(selected.id)") == true)
    }

    @Test func fImportsFromWhatIsTyped() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        #expect(model.press("F").isEmpty)
        #expect(model.screenText.contains("securityhub, guardduty, or the path of a findings file"))
        model.type("guardduty")
        #expect(model.press("<Enter>") == [.awsWork(.importFindings(from: "guardduty"))])
    }

    @Test func mShowsTheMetricsTheWorkerComputes() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50))
        #expect(model.press("M") == [.showMetrics])
        _ = model.update(.details(title: "Metrics · INC-7", lines: ["Time to detect     5m 00s", "Time to contain    n/a: not contained yet"]))
        #expect(model.screenText.contains("Time to contain    n/a: not contained yet"))
        _ = model.press("q")
        #expect(model.overlay == nil && !model.shouldQuit)
    }

    @Test func readOnlyConsolesHaveNoAWSWork() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 160, height: 50), mode: .readOnly)
        #expect(model.press("2", "D", "3", "r", "F").isEmpty)
        for command: ConsoleCommand in [.discoverResource, .runItem, .importFindings] {
            #expect(!model.bindings.bindings.contains { $0.command == command })
        }
        #expect(model.bindings.bindings.contains { $0.command == .showMetrics })
    }

    @Test func theBlastRadiusShowsEachResourceUnderTheOneItWasFoundFrom() throws {
        var events = ConsoleFixtures.events()
        func add(_ payload: EventPayload) {
            let last = events.last!.event
            let event = Event(incident: last.incident, seq: last.seq + 1, at: last.at.addingTimeInterval(60),
                              recordedAt: last.recordedAt.addingTimeInterval(60), actor: "alice", payload: payload)
            events.append(RecordedEvent(event: event, body: (try? payload.encodedBody()) ?? "{}", prevHash: "", hash: ""))
        }
        add(.resourceAdded(ResourceAdded(id: "sg-0123456789abcdef0", kind: .securityGroup, region: "us-east-1",
                                         foundVia: ResourceLink(from: "i-0123456789abcdef0", relation: "security group of"))))
        add(.resourceAdded(ResourceAdded(id: "vpc-0123456789abcdef0", kind: .vpc, region: "us-east-1",
                                         foundVia: ResourceLink(from: "sg-0123456789abcdef0", relation: "VPC of"))))
        var model = ConsoleModel(mode: .live, operatorName: "alice", size: Size(width: 160, height: 50), now: ConsoleFixtures.now)
        _ = model.update(.loaded(try IncidentState.replaying(events.map(\.event)), events))
        _ = model.press("2")
        while model.resourceSort != .tree { _ = model.press("o") }
        #expect(model.visibleResources.map(\.id).prefix(3) == ["i-0123456789abcdef0", "sg-0123456789abcdef0", "vpc-0123456789abcdef0"])
        let lines = model.screenText.split(separator: "\n")
        let group = try #require(lines.first { $0.contains("sg-0123456789abcdef0") })
        let vpc = try #require(lines.first { $0.contains("vpc-0123456789abcdef0") })
        #expect(group.contains("└ sg-0123456789abcdef0"))
        #expect(vpc.contains("  └ vpc-0123456789abcdef0"))
        #expect(model.screenText.contains("by blast radius"))
    }

    @Test func aCycleOfFoundFromLinksStillShowsEveryResourceOnce() {
        func resource(_ id: String, from: String?) -> Resource {
            Resource(id: id, kind: .securityGroup, region: nil, account: nil, owner: nil, state: .suspected, addedAt: Date(), addedBy: "a",
                     foundVia: from.map { ResourceLink(from: $0, relation: "r") })
        }
        let tree = ResourceSort.tree([resource("sg-a", from: "sg-b"), resource("sg-b", from: "sg-a"), resource("sg-c", from: nil)])
        #expect(tree.map(\.resource.id).sorted() == ["sg-a", "sg-b", "sg-c"])
        #expect(Set(tree.map(\.resource.id)).count == 3)
    }
}
