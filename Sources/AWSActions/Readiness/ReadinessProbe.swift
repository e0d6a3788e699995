import Foundation
import IncidentModel

/// The calls of one readiness check in one place, each kept as evidence
/// (the argv as run and the start of what it printed).
final class ReadinessProbe {
    let query: AWSQuery
    private(set) var evidence: [ReadinessEvidence] = []
    /// Characters of each output kept as evidence: enough to see why, small enough for an event.
    static let evidenceLimit = 600

    init(runner: AWSCLIRunner, region: String?) {
        query = AWSQuery(runner: runner, region: region)
    }

    /// One call, in the probe's region unless `region` says another.
    func call(_ arguments: [String], region: String? = nil) -> AWSQuery.Answer {
        let query = region.map { AWSQuery(runner: self.query.runner, region: $0) } ?? self.query
        let (answer, argv, output) = query.callShowingOutput(arguments)
        let kept = output.count > Self.evidenceLimit ? String(output.prefix(Self.evidenceLimit)) + "…" : output
        evidence.append(ReadinessEvidence(argv: argv, output: kept))
        return answer
    }

    /// A result of this probe's check, carrying its evidence.
    func result(_ check: ReadinessCheck, _ status: ReadinessResult.Status, _ detail: String) -> ReadinessResult {
        ReadinessResult(check: check.id, title: check.title, region: query.region, covers: check.covers, status: status,
                        detail: detail, evidence: evidence)
    }

    /// `could-not-check`, naming the failed call.
    func unknown(_ check: ReadinessCheck, _ answer: AWSQuery.Answer) -> ReadinessResult {
        result(check, .unknown, answer.failureText ?? "no answer")
    }
}

/// Names for people: the first few, and how many more.
func listed(_ names: [String], limit: Int = 5) -> String {
    names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
}
