import Foundation
import IncidentModel
import Testing
import FirebreakTestSupport

/// The ARN and id parsers take what people type and what AWS and findings
/// files say: random and mutated inputs never crash them, every rejection is
/// one readable line, and what they accept is safe to pass to the AWS CLI.
@Suite("Fuzz: ARN and id parsers")
struct IdentifierParserFuzzTests {
    static let seeds = [
        "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0",
        "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::aws:policy/AWSDenyAll",
        "arn:aws:s3:::logs-prod/2024/01/key.txt", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:sts::123456789012:assumed-role/admin/session", "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
        "i-0123456789abcdef0", "vol-0123456789abcdef0", "snap-0abc", "sg-0123456789abcdef0", "subnet-0abc1234", "vpc-0abc1234",
        "eni-0123456789abcdef0", "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "s3://bucket/key", "logs-prod", "10.0.0.1",
        "INC-7", "inc-12", "42", "0", "-1", "INC-", "containment", "3", "compromised", "ec2-instance", "2024-05-01T10:00:00Z",
    ]

    @Test func randomAndMutatedIdentifiers() throws {
        let count = FuzzBudget.iterations(default: 10000)
        var mutator = Mutator(random: SeededGenerator(seed: FuzzBudget.seed))
        let kinds = ResourceKind.allCases
        var rejected = 0
        var failures: [String] = []
        for index in 0..<count {
            let text = mutator.text(seeds: Self.seeds)
            func check(_ what: String, _ body: () throws -> Void) {
                do { try body() } catch {
                    rejected += 1
                    let message = "\(error)"
                    if !(error is IncidentError) || !isOneClearLine(message) {
                        failures.append("input #\(index) \(what) \(text.debugDescription): \(type(of: error)) \(message.debugDescription)")
                    }
                }
            }
            check("ARN") {
                let arn = try ARN(parsing: text)
                // What parses prints back as itself, and holds nothing that could become a flag or an escape.
                if arn.description != text { failures.append("ARN \(text.debugDescription) printed back as \(arn.description.debugDescription)") }
                if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { failures.append("ARN with a control accepted: \(text.debugDescription)") }
            }
            check("resource id") {
                let kind: ResourceKind? = mutator.chance(2) ? nil : kinds[mutator.int(kinds.count)]
                let reference = try ResourceIdentifier(parsing: text, kind: kind)
                if reference.id.hasPrefix("-") || reference.id.unicodeScalars.contains(where: isTerminalDangerous) || reference.id.isEmpty {
                    failures.append("resource id accepted: \(reference.id.debugDescription)")
                }
            }
            check("incident id") {
                let id = try IncidentID(parsing: text)
                if id.rawValue <= 0 || (try? IncidentID(parsing: id.description)) != id { failures.append("incident id \(text.debugDescription) → \(id)") }
            }
            check("phase") { _ = try Phase(parsing: text) }
            check("resource state") { _ = try ResourceState(parsing: text) }
            check("resource kind") { _ = try ResourceKind(parsing: text) }
            check("time") { _ = try Timestamp.parse(text) }
            check("single-line text") {
                let value = try TextField.singleLine(text, named: "title")
                if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                    failures.append("a title with a control character was accepted: \(value.debugDescription)")
                }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        FuzzBudget.report("identifiers (ARN, resource id, incident id, phase, state, kind, time, text)", inputs: count, rejected: rejected)
    }
}
