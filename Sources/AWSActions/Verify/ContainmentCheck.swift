import IncidentModel

/// One containment, read back: does what run `runID` did to `resource` still hold?
public struct ContainmentCheck: Sendable, Equatable {
    public var runID: String
    public var action: String
    public var resource: String
    public var holds: Bool
    /// Why not (the verification that failed, the call that could not be made); nil when it holds.
    /// For a traffic check, always its one-line summary.
    public var detail: String?
    /// Set for the check of an isolation's flow logs (`IsolationTrafficCheck`): it holds unless
    /// accepted traffic was seen after the isolation; `verdict` says when it could not be checked.
    public var traffic: TrafficAfterIsolation?

    public init(runID: String, action: String, resource: String, holds: Bool, detail: String? = nil, traffic: TrafficAfterIsolation? = nil) {
        self.runID = runID
        self.action = action
        self.resource = resource
        self.holds = holds
        self.detail = detail
        self.traffic = traffic
    }
}
