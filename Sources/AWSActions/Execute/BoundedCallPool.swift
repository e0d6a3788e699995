import Foundation

/// Runs blocking jobs (AWS CLI calls) on background threads, at most `limit`
/// at a time, and hands their results back one by one to the thread that
/// waits in `next()`, in the order they finish.
///
/// The caller's thread stays the only one that records events, so a run's
/// `onStep` callback needs no locking and sees every call as soon as it ends.
///
/// ```swift
/// let pool = BoundedCallPool<AWSCallResult>(limit: 4)
/// for (index, argv) in calls.enumerated() { pool.submit(index) { try! runner.run(argv) } }
/// while let (index, result) = pool.next() { record(index, result) }
/// ```
final class BoundedCallPool<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let limit: Int
    private var waiting: [(Int, @Sendable () -> Output)] = []
    private var running = 0
    private var finished: [(Int, Output)] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Queues `work`, tagged so its result can be told apart; it starts when a slot is free.
    func submit(_ tag: Int, _ work: @escaping @Sendable () -> Output) {
        condition.lock()
        defer { condition.unlock() }
        waiting.append((tag, work))
        startWaiting()
    }

    /// The next finished job, waiting for one; nil once nothing is queued or running.
    func next() -> (Int, Output)? {
        condition.lock()
        defer { condition.unlock() }
        while finished.isEmpty {
            if running == 0 && waiting.isEmpty { return nil }
            condition.wait()
        }
        return finished.removeFirst()
    }

    /// Drops what is queued, waits for what is running (after an error, so no
    /// call outlives the run) and returns every result not yet taken.
    @discardableResult
    func drain() -> [(Int, Output)] {
        condition.lock()
        defer { condition.unlock() }
        waiting.removeAll()
        while running > 0 { condition.wait() }
        let results = finished
        finished.removeAll()
        return results
    }

    /// Starts queued jobs while slots are free; the lock is held.
    private func startWaiting() {
        while running < limit, !waiting.isEmpty {
            let (tag, work) = waiting.removeFirst()
            running += 1
            DispatchQueue.global().async {
                let output = work()
                self.condition.lock()
                self.running -= 1
                self.finished.append((tag, output))
                self.startWaiting()
                self.condition.broadcast()
                self.condition.unlock()
            }
        }
    }
}
