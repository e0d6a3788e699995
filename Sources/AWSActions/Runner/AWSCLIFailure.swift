import Foundation
import IncidentModel

/// Why an `aws` call failed, parsed from AWS CLI v1's stderr into one line.
///
/// ```swift
/// AWSCLIFailure(exitCode: 255, stderr: "\nAn error occurred (NoSuchEntity) when calling the GetUser operation: The user x cannot be found.\n")
/// // .service(code: "NoSuchEntity", operation: "GetUser", message: "The user x cannot be found.")
/// ```
public enum AWSCLIFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The binary is not there (`--aws-cli` or `PATH`).
    case notFound(String)
    /// The call ran past the timeout and its process group was killed.
    case timedOut(seconds: Double)
    /// The run was interrupted (SIGINT, SIGTERM, SIGHUP): a call that had
    /// `started` had its process group killed; one that had not was never started.
    case interrupted(started: Bool)
    /// Firebreak would not start the CLI with these arguments (one it would expand); nothing ran.
    case refused(String)
    /// `An error occurred (Code) when calling the Op operation: message`.
    case service(code: String, operation: String, message: String)
    /// `Could not connect to the endpoint URL: …`.
    case connection(String)
    /// `Unable to locate credentials` and its relatives.
    case credentials(String)
    /// `Parameter validation failed:` (client-side) or a usage error (exit 2).
    case invalidParameters(String)
    /// Anything else: the exit status and the last meaningful line.
    case other(exitCode: Int32, message: String)

    /// Parses a failed call's stderr.
    public init(exitCode: Int32, stderr: String) {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let line = lines.first(where: { $0.hasPrefix("An error occurred (") }), let parsed = AWSCLIFailure.parseService(line) {
            self = parsed
        } else if let line = lines.first(where: { $0.contains("Could not connect to the endpoint URL") || $0.contains("Connect timeout on endpoint") }) {
            self = .connection(line)
        } else if let line = lines.first(where: { $0.contains("Unable to locate credentials") || $0.contains("could not be found") && $0.contains("profile") || $0.contains("Partial credentials found") }) {
            self = .credentials(line)
        } else if let index = lines.firstIndex(where: { $0.hasPrefix("Parameter validation failed") }) {
            self = .invalidParameters(lines[index...].prefix(3).joined(separator: " "))
        } else if exitCode == 2 || lines.contains(where: { $0.hasPrefix("usage: aws") }) {
            let message = lines.first(where: { $0.hasPrefix("aws: error:") }) ?? lines.last ?? "usage error"
            self = .invalidParameters(message)
        } else {
            self = .other(exitCode: exitCode, message: lines.last ?? "no output")
        }
    }

    static func parseService(_ line: String) -> AWSCLIFailure? {
        // An error occurred (Code) when calling the Op operation[ (reached max retries: N)]: message
        guard let open = line.firstIndex(of: "("), let close = line[open...].firstIndex(of: ")") else { return nil }
        let code = String(line[line.index(after: open)..<close])
        let rest = line[line.index(after: close)...]
        guard let callRange = rest.range(of: "when calling the "), let opEnd = rest.range(of: " operation", range: callRange.upperBound..<rest.endIndex) else {
            return .service(code: code, operation: "", message: String(rest).trimmingCharacters(in: .whitespaces))
        }
        let operation = String(rest[callRange.upperBound..<opEnd.lowerBound])
        var tail = rest[opEnd.upperBound...]
        // " (reached max retries: N)" sits between the operation and the message's colon.
        if tail.hasPrefix(" ("), let retriesEnd = tail.firstIndex(of: ")") { tail = tail[tail.index(after: retriesEnd)...] }
        let message = tail.firstIndex(of: ":").map { tail[tail.index(after: $0)...].trimmingCharacters(in: .whitespaces) } ?? ""
        return .service(code: code, operation: operation, message: message)
    }

    /// True for `DryRunOperation`, the answer an API's own dry run gives when the call would have succeeded.
    public var isDryRunSuccess: Bool {
        if case .service(let code, _, _) = self { return code == "DryRunOperation" }
        return false
    }

    /// One line for people (terminal-safe).
    public var description: String {
        let text: String
        switch self {
        case .notFound(let detail): text = "AWS CLI not found: \(detail)"
        case .timedOut(let seconds): text = "timed out after \(String(format: "%.1f", seconds)) s; the aws process group was killed"
        case .interrupted(let started):
            text = started ? "interrupted; the aws process group was killed, and AWS may or may not have made the change" : "interrupted before this call started"
        case .refused(let reason): text = "not run: \(reason)"
        case .service(let code, let operation, let message):
            text = operation.isEmpty ? "AWS error \(code): \(message)" : "\(operation) failed: \(code): \(message)"
        case .connection(let line): text = "cannot reach AWS: \(line)"
        case .credentials(let line): text = "AWS credentials: \(line)"
        case .invalidParameters(let line): text = "the AWS CLI refused the arguments: \(line)"
        case .other(let code, let message): text = "aws exited \(code): \(message)"
        }
        return text.replacingOccurrences(of: "\n", with: " ").terminalSafe
    }
}
