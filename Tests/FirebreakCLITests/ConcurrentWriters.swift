import Foundation
import Testing

/// Two `firebreak stress-append` processes, `red` and `blue`, writing `count`
/// notes each into INC-1 of `fb`'s database at once; then the checks every store
/// must pass: one unbroken chain, each writer's notes all there and in its own order.
enum ConcurrentWriters {
    static func raceIntoOneChain(_ fb: FirebreakProcess, count: Int) throws {
        try fb.ok("open", "--title", "race")
        let results = ResultsBox()
        let writers = ["red", "blue"].map { name in
            Thread {
                var writer = fb
                writer.environment["FIREBREAK_OPERATOR"] = name
                results.append(name, Result { try writer.run("stress-append", "INC-1", "--count", String(count), "--text", name) })
            }
        }
        writers.forEach { $0.start() }
        while results.count < 2 { Thread.sleep(forTimeInterval: 0.05) }
        for (name, result) in results.all {
            let output = try result.get()
            #expect(output.status == 0, "\(name): \(output.stderr)")
            #expect(output.stdout.split(separator: "\n").count == count)
        }
        let events = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
        #expect(events.map { $0["seq"] as? Int } == Array(1...(2 * count + 1)))
        for name in ["red", "blue"] {
            let texts = events.filter { $0["actor"] as? String == name }.compactMap { ($0["payload"] as? [String: Any])?["text"] as? String }
            #expect(texts == (1...count).map { "\(name) \($0)" })
        }
        let verify = try fb.run("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("intact, \(2 * count + 1) events"))
    }
}

final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(String, Result<FirebreakProcess.Result, any Error>)] = []
    func append(_ name: String, _ result: Result<FirebreakProcess.Result, any Error>) {
        lock.lock(); results.append((name, result)); lock.unlock()
    }
    var count: Int { lock.lock(); defer { lock.unlock() }; return results.count }
    var all: [(String, Result<FirebreakProcess.Result, any Error>)] { lock.lock(); defer { lock.unlock() }; return results }
}
