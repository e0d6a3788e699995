/// Where a poller resumes: the time of the last record returned and the ids
/// of every record returned at that very time. The services' start times are
/// inclusive, so the next poll asks from that time again and drops those ids:
/// nothing is returned twice and nothing at the same millisecond is lost,
/// across restarts too (the text form is what gets saved).
///
/// ```swift
/// let cursor = LogPollCursor(timestampMs: 1_700_000_000_123, idsAtTimestamp: ["3795…"])
/// cursor.text                        // "1700000000123 3795…"
/// LogPollCursor(text: cursor.text)   // the same cursor
/// ```
public struct LogPollCursor: Sendable, Equatable {
    public var timestampMs: Int64
    /// Sorted, so the text form is stable.
    public var idsAtTimestamp: [String]

    public init(timestampMs: Int64, idsAtTimestamp: [String] = []) {
        self.timestampMs = timestampMs
        self.idsAtTimestamp = Array(Set(idsAtTimestamp)).sorted()
    }

    /// `"<epoch ms> <id> <id> …"`: ids from AWS hold no spaces.
    public var text: String {
        ([String(timestampMs)] + idsAtTimestamp).joined(separator: " ")
    }

    /// Reads the text form; nil when it is not one.
    public init?(text: String) {
        let parts = text.split(separator: " ").map(String.init)
        guard let first = parts.first, let time = Int64(first), time >= 0 else { return nil }
        self.init(timestampMs: time, idsAtTimestamp: Array(parts.dropFirst()))
    }

    /// The records not yet returned, oldest first (ties by id), and the cursor after them.
    /// `from` is the cursor the poll started at; records before its time are dropped too.
    public static func advance(from cursor: LogPollCursor, over records: [AWSLogRecord]) -> (records: [AWSLogRecord], cursor: LogPollCursor) {
        let seen = Set(cursor.idsAtTimestamp)
        var fresh: [AWSLogRecord] = []
        var ids = Set<String>()
        for record in records where record.timestampMs > cursor.timestampMs
            || (record.timestampMs == cursor.timestampMs && !seen.contains(record.eventID)) {
            // A page can repeat an event (overlapping requests); keep the first.
            if ids.insert(record.eventID).inserted { fresh.append(record) }
        }
        fresh.sort { ($0.timestampMs, $0.eventID) < ($1.timestampMs, $1.eventID) }
        guard let last = fresh.last else { return ([], cursor) }
        var atLast = fresh.filter { $0.timestampMs == last.timestampMs }.map(\.eventID)
        if last.timestampMs == cursor.timestampMs { atLast += cursor.idsAtTimestamp }
        return (fresh, LogPollCursor(timestampMs: last.timestampMs, idsAtTimestamp: atLast))
    }
}
