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
