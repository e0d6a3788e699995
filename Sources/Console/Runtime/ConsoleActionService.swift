import Foundation
import IncidentModel
import IncidentStore

/// An action the console can offer for a resource.
public struct ActionChoice: Sendable, Equatable {
    public var id: String
    public var summary: String
    /// `read-only`, `reversible`, `destructive`, …
    public var risk: String

    public init(id: String, summary: String, risk: String) {
        self.id = id
        self.summary = summary
        self.risk = risk
    }
}

/// What an action would do, shown before anything runs.
public struct ActionPreview: Sendable, Equatable {
    public var action: String
    public var resources: [String]
    /// Lines to show: the summary, warnings, and every exact `aws` command.
    public var lines: [String]
    /// For a destructive action: the text the responder must type to run it.
    public var confirmationText: String?

    public init(action: String, resources: [String], lines: [String], confirmationText: String?) {
        self.action = action
        self.resources = resources
        self.lines = lines
        self.confirmationText = confirmationText
    }
}

/// How the console lists, plans and runs AWS actions. The command line
/// provides it (it owns the AWS CLI options); the console stays free of
/// catalog and runner details and tests can give it a fake.
public protocol ConsoleActionService: Sendable {
    func actions(for resources: [Resource]) throws -> [ActionChoice]
    func preview(action: String, resources: [String], in state: IncidentState) throws -> ActionPreview
    /// Runs it, recording every call through `store`; returns one line saying how it ended.
    func run(action: String, resources: [String], store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String
}
