import AWSActions
import Foundation
import IncidentModel
import Testing

/// Findings files come from AWS accounts an attacker may control (a tag, a
/// resource name): mutated Security Hub and GuardDuty documents never crash
/// the importer, every refusal names the file and finding in one line, and
/// what it accepts carries no control character into the incident.
@Suite("Fuzz: findings importers")
struct FindingsImporterFuzzTests {
    /// Each finding of the recorded fixtures as a document of its own: small
    /// documents keep each input cheap, so more of them fit in the time.
    static func seeds(_ name: String) throws -> [(document: Any, text: String)] {
        let url = repositoryRoot.appendingPathComponent("Tests/AWSActionsTests/Fixtures/\(name)")
        let root = try JSONSerialization.jsonObject(with: try Data(contentsOf: url))
        let findings = (root as? [String: Any])?["Findings"] as? [Any] ?? (root as? [Any]) ?? []
        return try findings.map { finding in
            let document: [String: Any] = ["Findings": [finding]]
            let data = try JSONSerialization.data(withJSONObject: document)
            return (document, String(decoding: data, as: UTF8.self))
        }
    }

    @Test func mutatedSecurityHubAndGuardDutyDocuments() throws {
        let seeds = try Self.seeds("securityhub-findings.json") + Self.seeds("guardduty-findings.json")
        #expect(seeds.count >= 4)
        let count = FuzzBudget.iterations(default: 5000)
        var mutator = JSONMutator(seed: FuzzBudget.seed ^ 0xF1D1)
        var rejected = 0, accepted = 0
        var failures: [String] = []
        for index in 0..<count {
            let seed = seeds[index % seeds.count]
            let data = mutator.mutate(seed.document, text: seed.text)
            do {
                let document = try FindingsDocument.parse(data, source: "findings.json")
                for problem in document.problems {
                    rejected += 1
                    let line = problem.description
                    if !isOneClearLine(line) || !startsWith(line, "findings.json: finding ") {
                        failures.append("input #\(index): unclear refusal \(line.debugDescription)")
                    }
                }
                for finding in document.findings {
                    accepted += 1
                    let texts = [finding.id, finding.type, finding.title, finding.severity, finding.intent ?? ""]
                        + finding.resources.flatMap { [$0.reference.id, $0.owner ?? "", $0.region ?? "", $0.account ?? ""] }
                    if let bad = texts.first(where: { $0.unicodeScalars.contains(where: isTerminalDangerous) }) {
                        failures.append("input #\(index): accepted a control character in \(bad.debugDescription)")
                    }
                    if let flag = finding.resources.first(where: { $0.reference.id.hasPrefix("-") }) {
                        failures.append("input #\(index): a resource id that reads as a flag: \(flag.reference.id)")
                    }
                }
            } catch {
                rejected += 1
                if !isOneClearLine(error.description) || !startsWith(error.description, "findings.json: ") {
                    failures.append("input #\(index): unclear error \(error.description.debugDescription)")
                }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(accepted > 0, "no mutated document was accepted: the mutations are too coarse to test the field checks")
        FuzzBudget.report("findings importers (Security Hub ASFF, GuardDuty)", inputs: count, rejected: rejected)
    }
}
