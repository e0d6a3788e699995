import Foundation

/// Whether an incident is still being worked.
public enum IncidentStatus: String, Codable, Sendable {
    case open
    case closed
}

/// The facts about an incident itself (not its resources or checklist).
public struct Incident: Codable, Sendable, Equatable {
    public var id: IncidentID
    public var title: String
    public var severity: Severity
    public var summary: String
    public var accounts: [String]
    public var regions: [String]
    public var status: IncidentStatus
    public var openedAt: Date
    public var openedBy: String
    public var closedAt: Date?
    public var resolution: String?
    /// A practice incident against an emulator, not a real account.
    public var isDrill: Bool
    /// A drill's emulator (`http://127.0.0.1:PORT`), where every AWS call made for it goes; nil otherwise.
    public var drillEndpoint: String?

    public init(
        id: IncidentID, title: String, severity: Severity, summary: String = "",
        accounts: [String] = [], regions: [String] = [], status: IncidentStatus = .open,
        openedAt: Date, openedBy: String, closedAt: Date? = nil, resolution: String? = nil,
        isDrill: Bool = false, drillEndpoint: String? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.summary = summary
        self.accounts = accounts
        self.regions = regions
        self.status = status
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.closedAt = closedAt
        self.resolution = resolution
        self.isDrill = isDrill
        self.drillEndpoint = drillEndpoint
    }
}
