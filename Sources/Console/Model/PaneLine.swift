import Foundation
import IncidentModel
import LogTail
import TerminalUI

/// One line of the log pane: an event of the incident, or a line from a log
/// source the responder follows (a file, later CloudWatch or CloudTrail).
enum PaneLine: RingBufferElement {
    case event(EventLine)
    case external(LogTail.LogLine, sourceName: String)

    /// The source as the pane names it: `incident` or the file's name.
    var sourceName: String {
        switch self {
        case .event: return "incident"
        case .external(_, let name): return name
        }
    }

    /// The log source id (`incident` for events).
    var sourceID: String {
        switch self {
        case .event: return "incident"
        case .external(let line, _): return line.sourceID.rawValue
        }
    }

    var time: Date {
        switch self {
        case .event(let line): return line.at
        case .external(let line, _): return line.time
        }
    }

    /// The text the pane draws after the time (already free of control characters
    /// for external lines; events are made terminal-safe when drawn).
    var text: String {
        switch self {
        case .event(let line): return line.searchableText
        case .external(let line, let name): return "[\(name)] \(line.text)"
        }
    }

    var role: StyleRole {
        switch self {
        case .event(let line): return line.role
        case .external(let line, _):
            switch line.level {
            case .error: return .logError
            case .warning: return .logWarning
            default: return .logInfo
            }
        }
    }

    /// How serious the line is, for the level toggles: an event that marks a
    /// resource compromised counts as a warning, other events as info.
    var level: LogLevel {
        switch self {
        case .event(let line): return line.role == .logWarning ? .warning : .info
        case .external(let line, _): return line.level
        }
    }

    /// Roughly the memory the line holds, for the ring's byte budget.
    var footprint: Int {
        switch self {
        case .event(let line): return 160 + line.text.utf8.count + line.actor.utf8.count + line.kind.utf8.count
        case .external(let line, let name): return line.footprint + name.utf8.count
        }
    }

    /// The event's seq, for event lines.
    var seq: Int64? {
        if case .event(let line) = self { return line.seq }
        return nil
    }

    /// What pinning keeps: the line as shown, and the SHA-256 of its raw bytes
    /// (an event's line is hashed as displayed; an external line by its bytes as read),
    /// or of the record it sums up (a CloudTrail record), which `hashOf` then says.
    var evidence: (line: String, sha256: String, hashOf: EvidenceHashSubject?) {
        switch self {
        case .event(let line):
            return (line.searchableText, LogTail.LogLine(sourceID: "incident", sequence: UInt64(line.seq), text: line.searchableText).sha256Hex, nil)
        case .external(let line, _):
            return (line.text, line.sha256Hex, line.hashesRecord ? .record : nil)
        }
    }
}
