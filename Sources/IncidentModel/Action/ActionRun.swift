import Foundation

/// One run of a catalog action over one or more resources, as its events tell it.
public struct ActionRun: Codable, Sendable, Equatable, Identifiable {
    public var id: String { runID }
    /// `run-1`, `run-2`, … within the incident.
    public var runID: String
    /// The catalog id, e.g. `ec2.isolate`.
    public var action: String
    public var risk: ActionRisk
    public var resources: [String]
    public var status: ActionRunStatus
    /// The run this one undoes, for an undo run.
    public var undoes: String?
    /// The run that undid this one, once every resource of it was put back
    /// (by one undo, or the last of several each undoing some of them).
    public var undoneBy: String?
    /// Per resource put back so far, the undo run that did it: an undo may
    /// take some of a run's resources (`action undo --resource`), and the
    /// next undo does only what is left.
    public var undoneResources: [String: String] = [:]
    /// A dry run changes nothing and cannot be undone.
    public var dryRun: Bool
    /// Parameters the operator gave (`--param name=value`).
    public var parameters: [String: String]
    public var steps: [ActionStepRecord]
    public var results: [ActionResourceResult]
    public var startedAt: Date
    public var startedBy: String
    public var finishedAt: Date?
    public var error: String?
    /// The process that ran it, when recorded.
    public var process: RunProcess?

    public init(runID: String, action: String, risk: ActionRisk, resources: [String], status: ActionRunStatus = .running,
                undoes: String? = nil, undoneBy: String? = nil, dryRun: Bool = false, parameters: [String: String] = [:],
                steps: [ActionStepRecord] = [], results: [ActionResourceResult] = [], startedAt: Date, startedBy: String,
                finishedAt: Date? = nil, error: String? = nil, process: RunProcess? = nil) {
        self.process = process
        self.runID = runID
        self.action = action
        self.risk = risk
        self.resources = resources
        self.status = status
        self.undoes = undoes
        self.undoneBy = undoneBy
        self.dryRun = dryRun
        self.parameters = parameters
        self.steps = steps
        self.results = results
        self.startedAt = startedAt
        self.startedBy = startedBy
        self.finishedAt = finishedAt
        self.error = error
    }

    /// The resources put back so far while some are left, each with the undo that did it, in the run's
    /// order (`i-a by run-4`); empty once the run is undone whole (`undoneBy`) or while nothing is.
    public var partlyUndone: [(resource: String, by: String)] {
        guard undoneBy == nil else { return [] }
        return resources.compactMap { resource in undoneResources[resource].map { (resource, $0) } }
    }

    /// The resources not put back yet, in the run's order: what an undo of the rest covers.
    public var resourcesToUndo: [String] { resources.filter { undoneResources[$0] == nil } }

    /// The captures recorded for `resource`, empty when none: the finish's,
    /// or, for a run whose finish has none for it (interrupted before it
    /// could say), what its recorded steps captured, later steps winning.
    public func captures(for resource: String) -> [String: String] {
        if let result = results.first(where: { $0.resource == resource }), !result.captures.isEmpty {
            return result.captures
        }
        var captures: [String: String] = [:]
        // A shared call (one security group for a VPC's instances) captured for every resource it covered.
        for step in steps where step.coveredResources.contains(resource) && step.outcome == .succeeded {
            captures.merge(step.captures ?? [:]) { $1 }
        }
        return captures
    }
}
