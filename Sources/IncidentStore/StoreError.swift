import Foundation
import IncidentModel

/// A problem with the incident database itself, described in one line.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownIncident(IncidentID)
    case cannotCreate(path: String, reason: String)
    case noDatabase(path: String)
    case notAFirebreakDatabase(path: String, reason: String)
    case newerSchema(path: String, migrations: [String])
    case readOnly(path: String)
    case diskFull(path: String)
    case corrupt(path: String, reason: String)
    case database(path: String, reason: String)
    /// Another writer held the database longer than the busy timeout.
    case busy(path: String)

    public var description: String {
        switch self {
        case .unknownIncident(let id): return "unknown incident \(id)"
        case .cannotCreate(let path, let reason): return "cannot create the database \(path.terminalSafe): \(reason)"
        case .noDatabase(let path): return "no incident database at \(path.terminalSafe) yet"
        case .notAFirebreakDatabase(let path, let reason): return "\(path.terminalSafe) is not a Firebreak database (\(reason))"
        case .newerSchema(let path, let migrations):
            return "\(path.terminalSafe) was written by a newer Firebreak (unknown schema \(migrations.joined(separator: ", ").terminalSafe)); upgrade Firebreak to open it"
        case .readOnly(let path): return "the database \(path.terminalSafe) is read-only"
        case .diskFull(let path): return "the disk is full; nothing was written to \(path.terminalSafe)"
        case .corrupt(let path, let reason): return "the database \(path.terminalSafe) is damaged: \(reason)"
        case .database(let path, let reason): return "database error in \(path.terminalSafe): \(reason)"
        case .busy(let path): return "the database \(path.terminalSafe) stayed locked by another writer; try again"
        }
    }
}
