import Foundation
import IncidentModel
import Testing

@Suite("The default playbook")
struct PlaybookTests {
    /// Every item of the design brief's seven phases, by a phrase its text must contain.
    static let required: [Phase: [String]] = [
        .readiness: ["risk areas", "owners", "permissions", "regions and accounts", "CloudTrail", "VPC Flow Logs", "GuardDuty", "EBS default encryption", "S3 bucket encryption", "KMS"],
        .detection: ["intent", "compromised resources", "blast radius"],
        .containment: ["scripts", "denies egress", "management ports", "network ACL", "explicit-deny IAM policy", "Route 53", "KMS", "stop"],
        .troubleshooting: ["what happened and when", "still viable", "VPC Flow Logs", "CloudTrail", "CloudWatch Logs"],
        .remediation: ["infections", "KMS", "snapshots", "S3 objects", "every version", "backup"],
        .recovery: ["eradication", "previous state", "one at a time", "encryption keys", "network", "monitoring"],
        .followUp: ["what happened", "policy", "report", "metrics", "drills"],
    ]

    @Test(arguments: Phase.allCases)
    func everyPhaseHoldsEveryItemOfTheBrief(_ phase: Phase) {
        let text = Playbook.default.items(in: phase).map(\.text).joined(separator: " | ")
        for phrase in Self.required[phase]! {
            #expect(text.localizedCaseInsensitiveContains(phrase), "\(phase.title) lacks '\(phrase)'")
        }
    }

    @Test func idsAreUniqueAndNamedAfterTheirPhase() {
        let ids = Playbook.default.items.map(\.id)
        #expect(Set(ids).count == ids.count)
        for item in Playbook.default.items {
            #expect(item.id.hasPrefix(item.phase.rawValue + "."))
        }
    }

    @Test func itemsAreInPhaseOrder() {
        let numbers = Playbook.default.items.map(\.phase.number)
        #expect(numbers == numbers.sorted())
    }
}

@Suite("A checklist item's backing, typed and stored as before")
struct ChecklistBackingTests {
    /// The opening event of an incident recorded before the backing was typed: its items carry plain strings.
    static let storedOpening = #"""
    {"accounts":[],"checklist":[{"backedBy":"import-findings","id":"detection.compromised-resources","phase":"detection","text":"Identify the compromised resources"},{"backedBy":"ec2.isolate","id":"containment.isolation-security-group","phase":"containment","text":"Isolate instances"},{"id":"detection.intent","phase":"detection","text":"Identify the intent of the attack"}],"isDrill":false,"phase":"readiness","regions":[],"severity":2,"summary":"","title":"Old record"}
    """#

    @Test func anEventWrittenWithStringsDecodesToTheTypedBackings() throws {
        let payload = try EventPayload.decode(kind: "incident.opened", body: Self.storedOpening)
        guard case .incidentOpened(let opened) = payload else { Issue.record("decoded as \(payload)"); return }
        #expect(opened.checklist.map(\.backedBy) == [.operation(.importFindings), .action("ec2.isolate"), nil])
        // Written again, the stored form is the same strings.
        let again = try payload.encodedBody()
        #expect(again.contains(#""backedBy":"import-findings""#))
        #expect(again.contains(#""backedBy":"ec2.isolate""#))
    }

    @Test func everyOperationKeepsTheNameItWasStoredUnder() throws {
        for operation in ChecklistOperation.allCases {
            let backing = ChecklistBacking.operation(operation)
            #expect(ChecklistBacking(backing.stored) == backing)
            let data = try JSONEncoder().encode(backing)
            #expect(String(decoding: data, as: UTF8.self) == "\"\(operation.rawValue.replacingOccurrences(of: "/", with: "\\/"))\"")
            #expect(try JSONDecoder().decode(ChecklistBacking.self, from: data) == backing)
        }
        #expect(ChecklistBacking("ec2.quarantine-subnet") == .action("ec2.quarantine-subnet"))
    }

    @Test func theDefaultPlaybookNamesNineOperationsAndItsActions() {
        let backings = Playbook.default.items.compactMap(\.backedBy)
        let operations = Set(backings.compactMap { if case .operation(let operation) = $0 { operation } else { nil } })
        #expect(operations == Set(ChecklistOperation.allCases))
    }
}
