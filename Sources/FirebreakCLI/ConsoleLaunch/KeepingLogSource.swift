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
/// are still shown, and the pane shows the reason as the source's error until
/// its next status.
final class KeepingLogSource: LogSource {
    let inner: any LogSource
    let store: any KeptLogLineStore
    let incident: IncidentID
    let limit: Int

    init(_ inner: any LogSource, store: any KeptLogLineStore, incident: IncidentID, keepingAtMost limit: Int) {
        self.inner = inner
        self.store = store
        self.incident = incident
        self.limit = limit
    }

    var id: LogSourceID { inner.id }
    var displayName: String { inner.displayName }
    var status: LogSourceStatus { inner.status }
    var cursor: LogCursor? { inner.cursor }

    /// What the pane calls the source: a file by its name, anything else by its whole name.
    static func paneName(of source: any LogSource) -> String {
        source.id.rawValue.hasPrefix("file:") ? URL(fileURLWithPath: source.displayName).lastPathComponent : source.displayName
    }

    func start(handler: @escaping @Sendable (LogSourceEvent) -> Void) {
        let (store, incident, limit, source, name) = (store, incident, limit, inner.id.rawValue, Self.paneName(of: inner))
        inner.start { event in
            if case .lines(let lines, let cursor) = event {
                do {
                    try store.keep(lines.map { Self.kept($0, sourceName: name) }, cursor: cursor?.token, source: source,
                                   of: incident, keepingAtMost: limit)
                } catch {
                    handler(.status(.error(message: "lines not kept: \(error)", attempt: 1, retryAt: Date())))
                }
            }
            handler(event)
        }
    }

    func pause() { inner.pause() }
    func resume() { inner.resume() }
    func stop() { inner.stop() }

    static func kept(_ line: LogLine, sourceName: String) -> KeptLogLine {
        KeptLogLine(sourceID: line.sourceID.rawValue, sourceName: sourceName, sequence: line.sequence, time: line.time,
                    arrivedAt: line.arrivedAt, level: line.level.rawValue, raw: line.raw, rawLength: line.rawLength,
                    sha256Hex: line.sha256Hex)
    }
}
