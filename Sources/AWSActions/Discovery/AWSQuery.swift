import Foundation
import IncidentModel

/// One read-only `aws` call whose JSON answer discovery and the readiness
/// audit read, with the failure kept as a reason rather than thrown: a
/// missing permission or an API the endpoint lacks is something to report.
struct AWSQuery: Sendable {
    let runner: AWSCLIRunner
    let region: String?

    enum Answer {
        case json([String: Any])
        case failed(AWSCLIFailure)

        var object: [String: Any]? {
            if case .json(let object) = self { return object }
            return nil
        }

        /// The AWS error code of a service failure (`NoSuchBucketPolicy`), if that is what it was.
        var errorCode: String? {
            if case .failed(.service(let code, _, _)) = self { return code }
            return nil
        }

        var failureText: String? {
            if case .failed(let failure) = self { return failure.description }
            return nil
        }
    }

    func call(_ arguments: [String]) -> Answer {
        callShowingOutput(arguments).answer
    }

    /// The answer, with the argv as run and what the call printed (redacted
    /// by the runner): the evidence the readiness audit keeps.
    func callShowingOutput(_ arguments: [String]) -> (answer: Answer, argv: [String], output: String) {
        let argv = runner.fullArguments(arguments, region: region)
        do {
            let result = try runner.run(arguments, region: region)
            if let failure = result.failure { return (.failed(failure), result.arguments, result.stderr) }
            let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return (.json([:]), result.arguments, "") }
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                return (.failed(.other(exitCode: 0, message: "\(arguments.prefix(2).joined(separator: " ")) did not print a JSON object")),
                        result.arguments, text)
            }
            return (.json(object), result.arguments, text)
        } catch {
            return (.failed(error), argv, error.description)
        }
    }

    /// Several independent calls at once: each `aws` start costs about half a second.
    func calls(_ list: [[String]]) -> [Answer] {
        let results = ConcurrentResults(count: list.count)
        DispatchQueue.concurrentPerform(iterations: list.count) { index in
            results.set(index, call(list[index]))
        }
        return results.values
    }
}

/// Results written from concurrent calls, each to its own slot.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [AWSQuery.Answer?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ answer: AWSQuery.Answer) {
        lock.lock()
        slots[index] = answer
        lock.unlock()
    }

    var values: [AWSQuery.Answer] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failed(.other(exitCode: -1, message: "not run")) }
    }
}

/// Reading values out of parsed JSON without a ladder of casts.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}
