import Foundation
import IncidentModel

/// Where the console keeps the lines of external log sources and each
/// source's cursor, beside (not inside) the incident's event log.
///
/// Lines and the cursor after them are written in one transaction, so a
/// console that restarts resumes each source just after the last line it
/// kept: none twice, none skipped.
///
/// ```swift
/// if let kept = store as? any KeptLogLineStore {
///     try kept.keep(lines, cursor: "1764404100123 3795…", source: "cwl:/aws/lambda/pay", of: incident, cap: .default)
///     let cursor = try kept.keptCursor(of: incident, source: "cwl:/aws/lambda/pay")
///     let (lines, dropped) = try kept.keptLines(of: incident)
/// }
/// ```
public protocol KeptLogLineStore: Sendable {
    /// Keeps `lines` (one source's, oldest first) and the source's `cursor`
    /// after them; then lets the incident's oldest kept lines go until at
    /// most `cap.lines` lines and `cap.bytes` raw bytes remain, counting them as
    /// dropped, with `alsoDropped` more (lines let go before they could be kept).
    func keep(_ lines: [KeptLogLine], cursor: String?, source: String, of incident: IncidentID, cap: KeptLinesCap, alsoDropped: Int) throws

    /// Every kept line of the incident, oldest kept first, and how many were dropped to stay under the cap.
    func keptLines(of incident: IncidentID) throws -> (lines: [KeptLogLine], dropped: Int64)

    /// The cursor kept with the source's last lines, if any.
    func keptCursor(of incident: IncidentID, source: String) throws -> String?

    /// Every source's kept cursor, by source id (to find a file source kept under another spelling of its path).
    func keptCursors(of incident: IncidentID) throws -> [String: String]
}

extension KeptLogLineStore {
    /// Keeps `lines` under a cap of `limit` lines and the default byte cap.
    public func keep(_ lines: [KeptLogLine], cursor: String?, source: String, of incident: IncidentID, keepingAtMost limit: Int) throws {
        try keep(lines, cursor: cursor, source: source, of: incident, cap: KeptLinesCap(lines: limit), alsoDropped: 0)
    }
}
