import Foundation
import IncidentModel

/// Someone who has an incident open right now, and how.
public struct Presence: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable {
        case live
        case watching
        case replaying
    }

    public var operatorName: String
    public var mode: Mode
    public var incident: IncidentID
    /// Identifies the console process: `host:pid`.
    public var session: String
    public var heartbeatAt: Date

    public init(operatorName: String, mode: Mode, incident: IncidentID, session: String, heartbeatAt: Date) {
        self.operatorName = operatorName
        self.mode = mode
        self.incident = incident
        self.session = session
        self.heartbeatAt = heartbeatAt
    }

    /// `host:pid` of this process.
    public static var thisSession: String {
        "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }
}

/// Where consoles say they are present. Kept apart from the event log:
/// presence is not a fact of the incident, and read-only consoles must be
/// able to announce themselves without writing to the incident database.
public protocol PresenceBoard: Sendable {
    /// Records (or refreshes) this session's presence.
    func announce(_ presence: Presence) throws
    /// Removes a session's presence (a console quitting).
    func withdraw(session: String)
    /// Everyone whose heartbeat on `incident` is younger than `freshness`.
    func present(on incident: IncidentID, freshness: TimeInterval) -> [Presence]
}
