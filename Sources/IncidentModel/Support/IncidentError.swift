/// A problem with what someone asked for, described in one line for people.
///
/// Every rejection in the model is one of these, so the console and the
/// command line show the same words.
public enum IncidentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input itself is malformed (a bad ARN, an empty title, severity 9).
    case invalidInput(String)
    /// The input is well formed but names something that does not exist.
    case notFound(String)
    /// The request conflicts with the incident's current state (already closed, already in that phase).
    case conflict(String)

    public var description: String {
        switch self {
        case .invalidInput(let message), .notFound(let message), .conflict(let message):
            return message
        }
    }
}
