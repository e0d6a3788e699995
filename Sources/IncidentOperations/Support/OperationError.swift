import IncidentModel

/// Why a use case stopped, as one line: the command line prints it on stderr
/// and exits 1, the console shows it in its footer. Thrown before a store
/// write, it means nothing was recorded.
public enum OperationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file named by the responder cannot be read.
    case unreadableFile(String)
    /// A use case that needs a region found none (given, the incident's or the environment's).
    case noRegion(String)
    /// The AWS CLI cannot be used for these calls (not installed, a drill's
    /// emulator gone, a drill's confinement refused): nothing was sent.
    case awsUnavailable(String)
    /// Findings failed their checks, so nothing was imported.
    case invalidFindings(first: String, more: Int)
    /// Discovery found nothing because every call failed.
    case discoveryFoundNothing(root: String, problem: String)
    /// A destructive action whose preview could not count what it destroys.
    case notConfirmable(action: String, problem: String)
    /// A step's record failed after the AWS CLI had run it.
    case stepUnrecorded(runID: String, problem: String, calls: [[String]])
    /// A run's finish could not be recorded; its steps were.
    case finishUnrecorded(runID: String, status: String, problem: String, incident: IncidentID)

    /// Closing refused: these resources are still compromised (closing with force goes ahead).
    case stillCompromised(IncidentID, [String])
    /// Resolving the findings failed for whole calls, so the incident was not closed.
    case findingsNotResolved(IncidentID, failures: [String])

    public var description: String {
        switch self {
        case .stillCompromised(let id, let compromised):
            return "\(id) still has \(compromised.count == 1 ? "a compromised resource" : "\(compromised.count) compromised resources"): "
                + "\(compromised.map(\.terminalSafe).joined(separator: ", ")); contain \(compromised.count == 1 ? "it" : "them") first, or close with --force"
        case .findingsNotResolved(let id, let failures):
            return "resolving the findings failed (\(failures.joined(separator: "; "))): \(id) stays open; close again, with or without resolving them"
        case .unreadableFile(let path):
            return "cannot read \(path.terminalSafe): no such readable file"
        case .noRegion(let hint):
            return hint
        case .awsUnavailable(let reason):
            return reason
        case .invalidFindings(let first, let more):
            return "\(first)\(more > 0 ? " (and \(more) more invalid)" : ""); nothing imported (--skip-invalid imports the valid findings alone)"
        case .discoveryFoundNothing(let root, let problem):
            return "discovery from \(root) found nothing: \(problem)"
        case .notConfirmable(let action, let problem):
            return "\(action) is destructive and its preview could not read what the run would destroy, so it cannot be confirmed: \(problem)"
        case .stepUnrecorded(let runID, let problem, let calls):
            return "\(runID): recording a step failed (\(problem)) after the AWS CLI had run, "
                + "so AWS may have been changed without the record saying so, by: \(calls.map(CommandLineText.aws).joined(separator: "; "))"
        case .finishUnrecorded(let runID, let status, let problem, let incident):
            return "\(runID) \(status), but its end could not be recorded (\(problem)): "
                + "the calls it made are recorded as steps (firebreak show \(incident) lists them)"
        }
    }
}
