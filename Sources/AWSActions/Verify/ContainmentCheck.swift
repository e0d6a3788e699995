import IncidentModel

/// One containment, read back: does what run `runID` did to `resource` still hold?
public struct ContainmentCheck: Sendable, Equatable {
    public var runID: String
    public var action: String
    public var resource: String
    public var holds: Bool
    /// Why not (the verification that failed, the call that could not be made); nil when it holds.
    public var detail: String?

    public init(runID: String, action: String, resource: String, holds: Bool, detail: String? = nil) {
        self.runID = runID
        self.action = action
        self.resource = resource
        self.holds = holds
        self.detail = detail
    }
}
