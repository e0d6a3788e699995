import Foundation
import IncidentModel
import IncidentStore
import LogTail

/// A followed source whose lines are kept in the incident database (capped)
/// together with the source's cursor, in one transaction, before the console
/// sees them: a replay shows them, and a restarted console resumes the
/// source just after the last line kept — none twice, none skipped.
///
/// When keeping fails (the disk is full, the database stays locked) the lines
/// are still shown, the pane shows the reason as the source's error until its
/// next status, and the lines are held and kept again — before any later line,
/// with the cursor after them — at the next batch or retry, once there is room.
/// The kept cursor never passes a line that was not kept. What is held is
/// bounded by the cap (the oldest held lines beyond it would be dropped on
/// keeping anyway, so they are dropped now and counted).
final class KeepingLogSource: LogSource, @unchecked Sendable {
    let inner: any LogSource
    let store: any KeptLogLineStore
    let incident: IncidentID
    let cap: KeptLinesCap
    /// How long after a failure the held lines are tried again when no new line comes.
    let retryInterval: TimeInterval

    // Guarded by `lock`: keeping happens on the source's thread and on retries.
    private let lock = NSLock()
    private var held: [KeptLogLine] = []
    private var heldBytes: Int64 = 0
    private var heldCursor: String?
    private var heldDropped = 0
    private var retryScheduled = false
    /// The last keep failed: the pane shows why until one succeeds.
    private var failing = false
    private var stopped = false
    private var handler: (@Sendable (LogSourceEvent) -> Void)?

    init(_ inner: any LogSource, store: any KeptLogLineStore, incident: IncidentID, cap: KeptLinesCap, retryInterval: TimeInterval = 1) {
        self.inner = inner
        self.store = store
        self.incident = incident
        self.cap = cap
        self.retryInterval = retryInterval
    }

    var id: LogSourceID { inner.id }
    var displayName: String { inner.displayName }
    var status: LogSourceStatus { inner.status }
    var cursor: LogCursor? { inner.cursor }

    /// Lines waiting to be kept after a failure.
    var heldCount: Int { lock.withLock { held.count } }

    /// What the pane calls the source: a file by its name, anything else by its whole name.
    static func paneName(of source: any LogSource) -> String {
        source.id.rawValue.hasPrefix("file:") ? URL(fileURLWithPath: source.displayName).lastPathComponent : source.displayName
    }

    func start(handler: @escaping @Sendable (LogSourceEvent) -> Void) {
        lock.withLock { self.handler = handler }
        let name = Self.paneName(of: inner)
        inner.start { [self] event in
            if case .lines(let lines, let cursor) = event {
                keep(lines.map { Self.kept($0, sourceName: name) }, cursor: cursor?.token)
            }
            handler(event)
        }
    }

    func pause() { inner.pause() }
    func resume() { inner.resume() }
    func stop() {
        lock.withLock { stopped = true }
        inner.stop()
    }

    /// Keeps what is held and `lines` after it, in order, in one transaction; holds all of it when that fails.
    private func keep(_ lines: [KeptLogLine], cursor: String?) {
        var failure: Error?
        var recovered = false
        lock.withLock {
            held += lines
            heldBytes += lines.reduce(0) { $0 + Int64($1.raw.count) }
            if let cursor { heldCursor = cursor }
            // Beyond the cap the oldest would be dropped as soon as they are kept.
            while held.count > max(1, cap.lines) || (held.count > 1 && heldBytes > cap.bytes) {
                heldBytes -= Int64(held.removeFirst().raw.count)
                heldDropped += 1
            }
            guard !held.isEmpty || heldCursor != nil else { return }
            do {
                try store.keep(held, cursor: heldCursor, source: inner.id.rawValue, of: incident, cap: cap, alsoDropped: heldDropped)
                held = []
                heldBytes = 0
                heldCursor = nil
                heldDropped = 0
                recovered = failing
                failing = false
            } catch {
                failure = error
                failing = true
            }
        }
        if recovered {
            let handler = lock.withLock { self.handler }
            handler?(.status(inner.status))
        }
        guard let failure else { return }
        let handler = lock.withLock { self.handler }
        handler?(.status(.error(message: "lines not kept: \(failure)", attempt: 1, retryAt: Date().addingTimeInterval(retryInterval))))
        scheduleRetry()
    }

    /// Tries the held lines again after `retryInterval`, and again after each failure, until they are kept or the source stops.
    private func scheduleRetry() {
        let schedule = lock.withLock {
            guard !retryScheduled, !stopped else { return false }
            retryScheduled = true
            return true
        }
        guard schedule else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + retryInterval) { [self] in
            let pending = lock.withLock {
                retryScheduled = false
                return !stopped && (!held.isEmpty || heldCursor != nil)
            }
            if pending { keep([], cursor: nil) }
        }
    }

    static func kept(_ line: LogLine, sourceName: String) -> KeptLogLine {
        KeptLogLine(sourceID: line.sourceID.rawValue, sourceName: sourceName, sequence: line.sequence, time: line.time,
                    arrivedAt: line.arrivedAt, level: line.level.rawValue, raw: line.raw, rawLength: line.rawLength,
                    sha256Hex: line.sha256Hex)
    }
}
