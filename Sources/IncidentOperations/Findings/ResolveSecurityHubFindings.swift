import AWSActions
import Foundation
import IncidentModel

/// On close, the Security Hub findings the incident imported marked resolved
/// in Security Hub: `securityhub batch-update-findings` with each finding's
/// `Id` and `ProductArn`, `Workflow.Status` `RESOLVED` and a note naming the
/// incident, at most 100 findings a call, one region a call (a finding lives
/// in the region that imported it).
///
/// The calls are planned first (`calls(for:)`: exact argv, shown before
/// anything runs), then run through the one runner; the response's
/// `ProcessedFindings` and `UnprocessedFindings` (each with its `ErrorCode`)
/// are what the outcome says. API: the Security Hub API Reference's
/// BatchUpdateFindings page.
///
/// ```swift
/// let calls = ResolveSecurityHubFindings.calls(for: state, updatedBy: "alice")
/// let outcome = try ResolveSecurityHubFindings.run(calls, runner: runner)
/// ```
public enum ResolveSecurityHubFindings {
    /// BatchUpdateFindings takes at most 100 finding identifiers a call.
    public static let findingsPerCall = 100
    /// `Note.Text` and `Note.UpdatedBy` are at most 512 characters.
    public static let noteLimit = 512

    /// One planned call.
    public struct Call: Sendable, Equatable {
        /// The argv after `aws`; the runner adds the region, profile and endpoint (`AWSCLIRunner.fullArguments`).
        public var arguments: [String]
        public var region: String?
        /// The finding ids the call names.
        public var findings: [String]
    }

    /// What the calls did.
    public struct Outcome: Sendable, Equatable {
        public var resolved: [String] = []
        /// Each finding Security Hub did not update, with its `ErrorCode: ErrorMessage`.
        public var unprocessed: [(id: String, reason: String)] = []
        /// Calls that failed whole: the region and the one-line failure.
        public var failures: [String] = []

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            lhs.resolved == rhs.resolved && lhs.failures == rhs.failures
                && lhs.unprocessed.map(\.id) == rhs.unprocessed.map(\.id) && lhs.unprocessed.map(\.reason) == rhs.unprocessed.map(\.reason)
        }

        /// One line for the record and the screen.
        public var summary: String {
            var parts = ["Security Hub: \(resolved.count) finding\(resolved.count == 1 ? "" : "s") marked RESOLVED (batch-update-findings)"]
            if !unprocessed.isEmpty {
                parts.append("\(unprocessed.count) not updated (\(unprocessed.map { "\($0.id): \($0.reason)" }.joined(separator: "; ")))")
            }
            if !failures.isEmpty { parts.append("failed: \(failures.joined(separator: "; "))") }
            return parts.joined(separator: "; ")
        }
    }

    /// The findings that can be resolved: imported from Security Hub with a `ProductArn`, once each.
    public static func resolvable(in state: IncidentState) -> [FindingImported] {
        state.findings.map(\.finding).filter { $0.source == FindingSource.securityHub.rawValue && $0.productArn != nil }
    }

    /// The note Security Hub keeps on each finding.
    public static func note(for state: IncidentState) -> String {
        let text = "Resolved in Firebreak incident \(state.incident.id): \(state.incident.title)"
        return text.count <= noteLimit ? text : String(text.prefix(noteLimit - 1)) + "…"
    }

    /// The exact calls, grouped by region in the order findings were imported.
    public static func calls(for state: IncidentState, updatedBy: String) -> [Call] {
        let findings = resolvable(in: state)
        var regions: [String?] = []
        for finding in findings where !regions.contains(finding.region) { regions.append(finding.region) }
        let note = try? String(decoding: JSONSerialization.data(withJSONObject: [
            "Text": Self.note(for: state), "UpdatedBy": String(("firebreak " + updatedBy).prefix(noteLimit)),
        ], options: [.sortedKeys]), as: UTF8.self)
        return regions.flatMap { region -> [Call] in
            let inRegion = findings.filter { $0.region == region }
            return stride(from: 0, to: inRegion.count, by: findingsPerCall).map { start in
                let batch = Array(inRegion[start..<min(start + findingsPerCall, inRegion.count)])
                let identifiers = batch.map { ["Id": $0.id, "ProductArn": $0.productArn ?? ""] }
                let json = (try? JSONSerialization.data(withJSONObject: identifiers, options: [.sortedKeys, .withoutEscapingSlashes]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "[]"
                let arguments = ["securityhub", "batch-update-findings", "--finding-identifiers", json,
                                 "--workflow", "Status=RESOLVED", "--note", note ?? "{}"]
                return Call(arguments: arguments, region: region, findings: batch.map(\.id))
            }
        }
    }

    /// Runs the calls in order; a call that fails is named and the others still run.
    public static func run(_ calls: [Call], runner: AWSCLIRunner) -> Outcome {
        var outcome = Outcome()
        for call in calls {
            let place = call.region ?? "the default region"
            do {
                let result = try runner.run(call.arguments, region: call.region)
                if let failure = result.failure { throw failure }
                let response = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
                for case let done as [String: Any] in response["ProcessedFindings"] as? [Any] ?? [] {
                    if let id = done["Id"] as? String { outcome.resolved.append(id) }
                }
                for case let left as [String: Any] in response["UnprocessedFindings"] as? [Any] ?? [] {
                    let id = (left["FindingIdentifier"] as? [String: Any])?["Id"] as? String ?? "?"
                    let reason = [left["ErrorCode"] as? String, left["ErrorMessage"] as? String].compactMap { $0 }.joined(separator: ": ")
                    outcome.unprocessed.append((id.terminalSafe, reason.terminalSafe))
                }
            } catch {
                outcome.failures.append("\(place): \(error)".terminalSafe)
            }
        }
        return outcome
    }
}
