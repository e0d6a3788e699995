import Foundation
import IncidentModel
import IncidentStore

/// An action the console can offer for a resource.
public struct ActionChoice: Sendable, Equatable {
    /// A value the action takes (`--param name=value` on the command line),
    /// asked for one at a time before the plan is shown.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var summary: String
        public var required: Bool
        /// Used when the answer is empty.
        public var defaultValue: String?

        public init(name: String, summary: String, required: Bool, defaultValue: String?) {
            self.name = name
            self.summary = summary
            self.required = required
            self.defaultValue = defaultValue
        }
    }

    public var id: String
    public var summary: String
    /// `read-only`, `reversible`, `destructive`, …
    public var risk: String
    public var parameters: [Parameter]

    public init(id: String, summary: String, risk: String, parameters: [Parameter] = []) {
        self.id = id
        self.summary = summary
        self.risk = risk
        self.parameters = parameters
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
    /// The values the responder gave (`name` → value); the run uses the same.
    public var parameters: [String: String]
    /// The run this plan reverts, for an undo; Enter then runs the undo of that run.
    public var undoes: String?
    /// For an undo of some of the run's resources: those it puts back (empty: all the run has not put back).
    public var undoResources: [String]
    /// How many calls the plan makes (each a recorded step), for the footer's `step n of m`; nil: not known.
    public var stepCount: Int?
    /// The close this plan comes before (its findings resolved in AWS first); Enter then resolves and closes.
    public var closing: ClosingRequest?

    public init(action: String, resources: [String], lines: [String], confirmationText: String?, parameters: [String: String] = [:],
                undoes: String? = nil, undoResources: [String] = [], stepCount: Int? = nil, closing: ClosingRequest? = nil) {
        self.undoResources = undoResources
        self.closing = closing
        self.stepCount = stepCount
        self.action = action
        self.resources = resources
        self.lines = lines
        self.confirmationText = confirmationText
        self.parameters = parameters
        self.undoes = undoes
    }
}

/// A close that resolves the incident's findings in AWS first.
public struct ClosingRequest: Sendable, Equatable {
    public var resolution: String
    /// Close even though resources are still compromised (the responder chose "Close anyway").
    public var force: Bool

    public init(resolution: String, force: Bool) {
        self.resolution = resolution
        self.force = force
    }
}

/// How the console lists, plans and runs AWS actions. The command line
/// provides it (it owns the AWS CLI options); the console stays free of
/// catalog and runner details and tests can give it a fake.
public protocol ConsoleActionService: Sendable {
    func actions(for resources: [Resource]) throws -> [ActionChoice]
    /// Every resource of the incident `action` applies to, most relevant first
    /// (compromised, suspected, contained, then the rest); a one-line reason when there are none.
    func resources(for action: String, in state: IncidentState) throws -> [String]
    /// The plan with `parameters` (a bad value is thrown as one line naming it).
    func preview(action: String, resources: [String], parameters: [String: String], in state: IncidentState) throws -> ActionPreview
    /// Runs it, recording every call through `store`; returns one line saying how it ended.
    func run(action: String, resources: [String], parameters: [String: String], store: any IncidentEventStore, incident: IncidentID,
             actor: String) throws -> String
    /// Other AWS work the console starts, each recorded through `store` as its
    /// command records it; each returns one line saying what it did.
    func perform(_ work: ConsoleAWSWork, store: any IncidentEventStore, incident: IncidentID, actor: String) throws -> String
    /// The plan that reverts `run` from what it recorded (`firebreak action undo` before it asks), with `undoes` set:
    /// of `resources` of the run only (`--resource`), or, empty, of every one not put back yet.
    func previewUndo(run: String, resources: [String], in state: IncidentState) throws -> ActionPreview
    /// The calls that resolve the incident's imported findings in AWS, as `close --resolve-findings --plan` prints
    /// them, with `closing` set: Enter runs them and closes (`ConsoleAWSWork.resolveFindingsAndClose`).
    func previewResolvingFindings(_ closing: ClosingRequest, in state: IncidentState, actor: String) throws -> ActionPreview
    /// Stops the `aws` call running now and every later one, each recorded as interrupted (the console quits anyway).
    func stopRunningWork()
    /// `firebreak report`: the post-incident report of `incident` written to a new file at `path`, its format by the
    /// extension (`.md`, `.json`, `.html`); one line saying where.
    func writeReport(of incident: IncidentID, to path: String, store: any IncidentEventStore, actor: String) throws -> String
}

/// AWS work besides actions that the console can start.
public enum ConsoleAWSWork: Equatable, Sendable {
    /// `firebreak resource discover`: the resources related to one, added as suspected.
    case discover(resource: String)
    /// `firebreak readiness`: the audit over the incident's regions, recorded; passing Readiness items ticked.
    case auditReadiness
    /// `firebreak import`: findings from `securityhub`, `guardduty`, or a findings file's path.
    case importFindings(from: String)
    /// `firebreak action verify`: every containment still in force read back (containment.verify).
    case verifyContainment
    /// `firebreak action undo`: the run reverted from what it recorded; only `resources` of it (`--resource`) when not empty.
    case undo(run: String, resources: [String] = [])
    /// `firebreak close --resolve-findings`: the imported findings resolved in AWS, then the incident closed.
    case resolveFindingsAndClose(ClosingRequest)

    /// What the work is, as the footer and the quit question name it.
    public var title: String {
        switch self {
        case .discover(let resource): return "discovery from \(resource)"
        case .auditReadiness: return "the readiness audit"
        case .importFindings(let source): return "the import from \(source)"
        case .verifyContainment: return "verification of the containments"
        case .undo(let run, let resources): return "the undo of \(resources.isEmpty ? "" : resources.joined(separator: ", ") + " of ")\(run)"
        case .resolveFindingsAndClose: return "resolving the findings and closing"
        }
    }
}

