import Foundation

/// How long the soak tests run: `FIREBREAK_SOAK_SECONDS` (`scripts/reliability`
/// sets 60), else a CI-sized default.
enum SoakBudget {
    static func seconds(default ciSeconds: Double) -> Double {
        ProcessInfo.processInfo.environment["FIREBREAK_SOAK_SECONDS"].flatMap(Double.init) ?? ciSeconds
    }

    /// One line that `scripts/reliability` collects.
    static func report(_ line: String) { print("RELIABILITY \(line)") }
}

/// A list several threads append to.
final class Collected<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    func append(_ item: Element) { lock.lock(); items.append(item); lock.unlock() }
    func append(contentsOf more: [Element]) { lock.lock(); items.append(contentsOf: more); lock.unlock() }
    var all: [Element] { lock.lock(); defer { lock.unlock() }; return items }
}
