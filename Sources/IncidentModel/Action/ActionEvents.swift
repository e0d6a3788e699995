import Foundation

/// An action run began: what it will do to which resources.
public struct ActionRunStarted: Codable, Sendable, Equatable {
    public static let kind = "action.run-started"
    public var runID: String
    public var action: String
    public var risk: ActionRisk
    public var resources: [String]
    public var undoes: String?
    public var dryRun: Bool
    public var parameters: [String: String]
    /// The process that runs it (nil in records from before it was kept).
    public var process: RunProcess?

    public init(runID: String, action: String, risk: ActionRisk, resources: [String], undoes: String? = nil,
                dryRun: Bool = false, parameters: [String: String] = [:], process: RunProcess? = nil) {
        self.process = process
        self.runID = runID
        self.action = action
        self.risk = risk
        self.resources = resources
        self.undoes = undoes
        self.dryRun = dryRun
        self.parameters = parameters
    }
}

/// One AWS CLI call of a run finished (or was killed, or skipped).
public struct ActionStepFinished: Codable, Sendable, Equatable {
    public static let kind = "action.step-finished"
    public var runID: String
    public var step: ActionStepRecord

    public init(runID: String, step: ActionStepRecord) {
        self.runID = runID
        self.step = step
    }
}

/// A run ended. Written in the same transaction as the resource states and
/// checklist items the action advances on success.
public struct ActionRunFinished: Codable, Sendable, Equatable {
    public static let kind = "action.run-finished"
    public var runID: String
    public var status: ActionRunStatus
    public var results: [ActionResourceResult]
    public var error: String?

    public init(runID: String, status: ActionRunStatus, results: [ActionResourceResult], error: String? = nil) {
        self.runID = runID
        self.status = status
        self.results = results
        self.error = error
    }
}
