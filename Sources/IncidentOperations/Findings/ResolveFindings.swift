import AWSActions
import Foundation
import IncidentModel

/// On close, the findings the incident imported marked resolved where they
/// came from, each through the API its import recorded it for
/// (`FindingResolution`):
///
/// - Security Hub ASFF: `securityhub batch-update-findings`, each finding by
///   `Id` and `ProductArn`, `Workflow.Status` RESOLVED and a note naming the
///   incident; at most 100 findings a call.
/// - Security Hub OCSF: `securityhub batch-update-findings-v2 --status-id 4`
///   (OCSF's Resolved) with a comment naming the incident, by `--metadata-uids`
///   or by `--finding-identifiers` (`CloudAccountUid`, `FindingInfoUid`,
///   `MetadataProductUid`; one or the other a call, never both); at most 100 a call.
/// - GuardDuty: `guardduty archive-findings --detector-id D --finding-ids […]`,
///   at most 50 ids a call. Archiving deletes nothing, and GuardDuty updates
///   the finding (or makes a new one) when the activity goes on; only the
///   administrator account may archive. The plan says so.
///
/// One region a call (a finding lives in the region that imported it). The
/// calls are planned first (`plan(for:updatedBy:)`, whose `lines` are what both
/// `close --resolve-findings --plan` and the console's close show), then run
/// through the one runner; what each response says (processed, unprocessed
/// with its `ErrorCode`) is what the outcome says. APIs: the Security Hub API
/// Reference's BatchUpdateFindings and BatchUpdateFindingsV2 pages, the
/// GuardDuty API Reference's ArchiveFindings page.
///
/// ```swift
/// let plan = ResolveFindings.plan(for: state, updatedBy: "alice")
/// for line in plan.lines(for: state.incident.id, runner: runner) { print(line) }
/// let outcome = ResolveFindings.run(plan.calls, runner: runner)
/// ```
public enum ResolveFindings {
    /// BatchUpdateFindings and BatchUpdateFindingsV2 take at most 100 findings a call.
    public static let securityHubPerCall = 100
    /// ArchiveFindings takes at most 50 finding ids a call.
    public static let guardDutyPerCall = 50
    /// `Note.Text`, `Note.UpdatedBy` and v2's `Comment` are at most 512 characters.
    public static let noteLimit = 512
    /// OCSF's `status_id` for Resolved (0 Unknown, 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 5 Archived, 99 Other).
    public static let ocsfResolved = 4

    /// The API a call goes to.
    public enum API: String, Sendable, Equatable, CaseIterable {
        case securityHub = "batch-update-findings"
        case securityHubOCSF = "batch-update-findings-v2"
        case guardDuty = "archive-findings"

        /// Who is told, in the plan and the outcome.
        var service: String {
            switch self {
            case .securityHub: return "Security Hub"
            case .securityHubOCSF: return "Security Hub (OCSF)"
            case .guardDuty: return "GuardDuty"
            }
        }

        /// What the call does to each finding, e.g. `marked RESOLVED`.
        var done: String {
            switch self {
            case .securityHub: return "marked RESOLVED"
            case .securityHubOCSF: return "set to status Resolved"
            case .guardDuty: return "archived"
            }
        }
    }

    /// One planned call.
    public struct Call: Sendable, Equatable {
        public var api: API
        /// The argv after `aws`; the runner adds the region, profile and endpoint (`AWSCLIRunner.fullArguments`).
        public var arguments: [String]
        public var region: String?
        /// The finding ids (as imported) the call names.
        public var findings: [String]
    }

    /// What closing would do: the calls, and the imported findings no call can name.
    public struct Plan: Sendable, Equatable {
        public var calls: [Call]
        /// Findings left as they are in AWS, each with why.
        public var left: [String]

        /// How many findings the calls name.
        public var count: Int { calls.reduce(0) { $0 + $1.findings.count } }

        /// What `close --resolve-findings --plan` prints and the console's close shows first: per API what is
        /// done to how many findings, each exact command, what archiving does not do, and what is left.
        public func lines(for incident: IncidentID, runner: AWSCLIRunner) -> [String] {
            guard !calls.isEmpty else {
                return ["No imported finding can be resolved in AWS" + (left.isEmpty ? " (none was imported from Security Hub or GuardDuty)" : ":")]
                    + left.map { "  \($0)" }
            }
            var lines = ["Resolve \(count) finding\(count == 1 ? "" : "s") in AWS, then close \(incident):"]
            for api in API.allCases {
                let of = calls.filter { $0.api == api }
                guard !of.isEmpty else { continue }
                let n = of.reduce(0) { $0 + $1.findings.count }
                let per = api == .guardDuty ? ResolveFindings.guardDutyPerCall : ResolveFindings.securityHubPerCall
                lines.append("  \(api == .securityHub ? "Mark" : "\(api.service):") \(n) \(api == .securityHub ? "Security Hub " : "")finding\(n == 1 ? "" : "s") "
                             + "\(api == .securityHub ? "RESOLVED" : api.done) (\(api.rawValue), at most \(per) a call):")
                for call in of { lines.append("    " + CommandLineText.aws(runner.fullArguments(call.arguments, region: call.region))) }
                switch api {
                case .securityHubOCSF:
                    lines.append("    AWS calls BatchUpdateFindingsV2 a preview API: it sets status_id and the comment, not the finding's modified time.")
                case .guardDuty:
                    lines.append("    Archiving hides a finding from GuardDuty's current findings; it deletes nothing, and GuardDuty updates it or makes "
                                 + "a new one if the activity goes on. Only the GuardDuty administrator account may archive.")
                case .securityHub:
                    break
                }
            }
            if !left.isEmpty {
                lines.append("  Left as they are in AWS (\(left.count)):")
                lines += left.map { "    \($0)" }
            }
            return lines
        }
    }

    /// What the calls did.
    public struct Outcome: Sendable, Equatable {
        /// Each finding AWS took, with the API that took it.
        public var resolved: [Done] = []
        /// Each finding AWS did not update, with its `ErrorCode: ErrorMessage`.
        public var unprocessed: [Left] = []
        /// Calls that failed whole: the API, the region and the one-line failure.
        public var failures: [String] = []
        /// The APIs called, in order.
        public var apis: [API] = []

        public struct Done: Sendable, Equatable {
            public var api: API
            public var id: String
        }

        public struct Left: Sendable, Equatable {
            public var api: API
            public var id: String
            public var reason: String
        }

        /// One line for the record and the screen, one part per API called.
        public var summary: String {
            var parts: [String] = []
            for api in apis {
                let done = resolved.filter { $0.api == api }.count
                parts.append("\(api.service): \(done) finding\(done == 1 ? "" : "s") \(api.done) (\(api.rawValue))")
                let left = unprocessed.filter { $0.api == api }
                if !left.isEmpty {
                    parts.append("\(left.count) not updated (\(left.map { "\($0.id): \($0.reason)" }.joined(separator: "; ")))")
                }
            }
            if !failures.isEmpty { parts.append("failed: \(failures.joined(separator: "; "))") }
            return parts.isEmpty ? "no finding to resolve in AWS" : parts.joined(separator: "; ")
        }
    }

    /// The note Security Hub keeps on each finding (v2's comment).
    public static func note(for state: IncidentState) -> String {
        let text = "Resolved in Firebreak incident \(state.incident.id): \(state.incident.title)"
        return text.count <= noteLimit ? text : String(text.prefix(noteLimit - 1)) + "…"
    }

    /// The exact calls, by API then region (and detector) in the order findings were imported.
    public static func plan(for state: IncidentState, updatedBy: String) -> Plan {
        var left: [String] = []
        var asff: [(FindingImported, String)] = [], ocsf: [(FindingImported, FindingResolution)] = [], guardDuty: [(FindingImported, String)] = []
        for finding in state.findings.map(\.finding) {
            switch finding.resolution {
            case .securityHub(let productArn)?: asff.append((finding, productArn))
            case .securityHubOCSF?: ocsf.append((finding, finding.resolution!))
            case .guardDuty(let detector)?:
                // Each id is a value of its own on the command line: only GuardDuty's own shape, never one that reads as an option.
                if finding.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    guardDuty.append((finding, detector))
                } else {
                    left.append("\(finding.id.terminalSafe): not a GuardDuty finding id, so it is not archived")
                }
            case nil:
                left.append("\(finding.id.terminalSafe) (\(finding.source.terminalSafe)): " + why(finding))
            }
        }
        let note = json(["Text": Self.note(for: state), "UpdatedBy": String(("firebreak " + updatedBy).prefix(noteLimit))])
        var calls: [Call] = []
        for (region, batch) in batches(asff, per: securityHubPerCall, key: { $0.0.region ?? "" }) {
            let identifiers = json(batch.map { ["Id": $0.0.id, "ProductArn": $0.1] })
            calls.append(Call(api: .securityHub, arguments: ["securityhub", "batch-update-findings", "--finding-identifiers", identifiers,
                                                             "--workflow", "Status=RESOLVED", "--note", note],
                              region: region, findings: batch.map(\.0.id)))
        }
        // By metadata.uid where the finding has one, else by its identifier triple: one way a call.
        let byUid = ocsf.filter { $0.0.ocsfMetadataUid != nil }, byIdentifier = ocsf.filter { $0.0.ocsfMetadataUid == nil }
        for (region, batch) in batches(byUid, per: securityHubPerCall, key: { $0.0.region ?? "" }) {
            calls.append(Call(api: .securityHubOCSF, arguments: ["securityhub", "batch-update-findings-v2", "--metadata-uids",
                                                                 json(batch.compactMap(\.0.ocsfMetadataUid)),
                                                                 "--status-id", String(ocsfResolved), "--comment", Self.note(for: state)],
                              region: region, findings: batch.map(\.0.id)))
        }
        for (region, batch) in batches(byIdentifier, per: securityHubPerCall, key: { $0.0.region ?? "" }) {
            let identifiers = json(batch.map {
                ["CloudAccountUid": $0.0.account ?? "", "FindingInfoUid": $0.0.id, "MetadataProductUid": $0.0.ocsfProductUid ?? ""]
            })
            calls.append(Call(api: .securityHubOCSF, arguments: ["securityhub", "batch-update-findings-v2", "--finding-identifiers", identifiers,
                                                                 "--status-id", String(ocsfResolved), "--comment", Self.note(for: state)],
                              region: region, findings: batch.map(\.0.id)))
        }
        for (key, batch) in batches(guardDuty, per: guardDutyPerCall, key: { "\($0.0.region ?? "")\u{0}\($0.1)" }) {
            calls.append(Call(api: .guardDuty, arguments: ["guardduty", "archive-findings", "--detector-id", batch[0].1,
                                                           "--finding-ids", json(batch.map(\.0.id))],
                              region: key.isEmpty ? nil : String(key.split(separator: "\u{0}", omittingEmptySubsequences: false)[0]),
                              findings: batch.map(\.0.id)))
        }
        for index in calls.indices where calls[index].region?.isEmpty == true { calls[index].region = nil }
        return Plan(calls: calls, left: left)
    }

    /// Compact JSON with sorted keys and slashes as they are: one argv value the CLI parses.
    static func json(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Why a finding has no way to be resolved.
    static func why(_ finding: FindingImported) -> String {
        switch finding.source {
        case "securityhub": return "its import kept neither a ProductArn (ASFF) nor an OCSF metadata uid or product uid"
        case "guardduty": return "its import kept no detector (the finding's Arn)"
        default: return "not from Security Hub or GuardDuty"
        }
    }

    /// `items` grouped by `key` in first-seen order, each group cut into batches of `per`.
    static func batches<T>(_ items: [T], per: Int, key: (T) -> String) -> [(String, [T])] {
        var keys: [String] = []
        var groups: [String: [T]] = [:]
        for item in items {
            let name = key(item)
            if groups[name] == nil { keys.append(name) }
            groups[name, default: []].append(item)
        }
        return keys.flatMap { name -> [(String, [T])] in
            let group = groups[name] ?? []
            return stride(from: 0, to: group.count, by: per).map { (name, Array(group[$0..<min($0 + per, group.count)])) }
        }
    }

    /// Runs the calls in order; a call that fails is named and the others still run.
    public static func run(_ calls: [Call], runner: AWSCLIRunner) -> Outcome {
        var outcome = Outcome()
        for call in calls {
            if !outcome.apis.contains(call.api) { outcome.apis.append(call.api) }
            let place = call.region ?? "the default region"
            do {
                let result = try runner.run(call.arguments, region: call.region)
                if let failure = result.failure { throw failure }
                let response = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
                read(response, of: call, into: &outcome)
            } catch {
                outcome.failures.append("\(call.api.rawValue) in \(place): \(error)".terminalSafe)
            }
        }
        return outcome
    }

    /// What one response says. ArchiveFindings answers an empty body: every id it was given is archived.
    static func read(_ response: [String: Any], of call: Call, into outcome: inout Outcome) {
        switch call.api {
        case .guardDuty:
            outcome.resolved += call.findings.map { Outcome.Done(api: .guardDuty, id: $0) }
        case .securityHub, .securityHubOCSF:
            for case let done as [String: Any] in response["ProcessedFindings"] as? [Any] ?? [] {
                if let id = findingID(done, of: call) { outcome.resolved.append(Outcome.Done(api: call.api, id: id.terminalSafe)) }
            }
            for case let left as [String: Any] in response["UnprocessedFindings"] as? [Any] ?? [] {
                let reason = [left["ErrorCode"] as? String, left["ErrorMessage"] as? String].compactMap { $0 }.joined(separator: ": ")
                outcome.unprocessed.append(Outcome.Left(api: call.api, id: (findingID(left, of: call) ?? "?").terminalSafe, reason: reason.terminalSafe))
            }
        }
    }

    /// The finding an entry of `ProcessedFindings`/`UnprocessedFindings` names: ASFF's `Id` (or its `FindingIdentifier.Id`),
    /// v2's `FindingIdentifier.FindingInfoUid`, or a `MetadataUid` of the call, as the finding was imported.
    static func findingID(_ entry: [String: Any], of call: Call) -> String? {
        let identifier = entry["FindingIdentifier"] as? [String: Any]
        if let id = entry["Id"] as? String ?? identifier?["Id"] as? String ?? identifier?["FindingInfoUid"] as? String { return id }
        // A call by metadata uids names its findings in that order.
        if let uid = entry["MetadataUid"] as? String, let values = call.arguments.firstIndex(of: "--metadata-uids").map({ call.arguments[$0 + 1] }),
           let uids = (try? JSONSerialization.jsonObject(with: Data(values.utf8))) as? [String], let index = uids.firstIndex(of: uid),
           call.findings.indices.contains(index) {
            return call.findings[index]
        }
        return nil
    }
}
