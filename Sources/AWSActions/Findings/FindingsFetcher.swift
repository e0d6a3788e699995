import Foundation
import IncidentModel

/// Fetches findings through the AWS CLI runner (`--from securityhub|guardduty`)
/// and parses them with the same code as a file.
///
/// Security Hub: `securityhub get-findings`, a page of `pageSize` at a time
/// (`--max-items`, then `--starting-token` with the `NextToken` each page
/// prints). GuardDuty: `list-detectors`, then `list-findings` per detector,
/// paged the same way, then `get-findings` fifty ids at a time (the API's
/// limit). The filter goes to AWS as its own filters and is applied again to
/// what comes back.
public struct FindingsFetcher: Sendable {
    public var runner: AWSCLIRunner
    public var ownerTags: OwnerTags
    public var filter: FindingsFilter
    /// Findings (or finding ids) asked for per call: one page's output stays far below the runner's output cap.
    public var pageSize: Int

    public init(runner: AWSCLIRunner, ownerTags: OwnerTags = OwnerTags(), filter: FindingsFilter = FindingsFilter(), pageSize: Int = 100) {
        self.runner = runner
        self.ownerTags = ownerTags
        self.filter = filter
        self.pageSize = max(1, pageSize)
    }

    /// The findings of `source` in `region` (nil: the CLI's default), as documents to import.
    public func fetch(_ source: FindingSource, region: String?) throws(FindingsError) -> [FindingsDocument] {
        let label = "\(source.rawValue) (\(region ?? runner.configuration.region ?? "default region"))"
        var documents: [FindingsDocument] = []
        switch source {
        case .securityHub:
            let filters = filter.securityHubFilters.map { ["--filters", $0] } ?? []
            try pages(["securityhub", "get-findings"] + filters, region: region, label: label) { (output: String) throws(FindingsError) in
                documents.append(try FindingsDocument.parse(Data(output.utf8), source: "securityhub get-findings \(label)", ownerTags: ownerTags))
            }
        case .guardDuty:
            let detectors = try strings(try call(["guardduty", "list-detectors"], region: region, label: label), key: "DetectorIds", label: label)
            for detector in detectors {
                guard detector.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw FindingsError(source: label, reason: "detector id '\(detector.terminalSafe)' is not alphanumeric")
                }
                let criteria = filter.guardDutyCriteria.map { ["--finding-criteria", $0] } ?? []
                var ids: [String] = []
                try pages(["guardduty", "list-findings", "--detector-id", detector] + criteria, region: region, label: label) { (output: String) throws(FindingsError) in
                    ids += try strings(output, key: "FindingIds", label: label)
                }
                for start in stride(from: 0, to: ids.count, by: 50) {
                    let batch = Array(ids[start..<min(start + 50, ids.count)])
                    let output = try call(["guardduty", "get-findings", "--detector-id", detector, "--finding-ids"] + batch, region: region, label: label)
                    documents.append(try FindingsDocument.parse(Data(output.utf8), source: "guardduty get-findings \(label)", ownerTags: ownerTags))
                }
            }
        }
        return filter.isEmpty ? documents : documents.map { document in
            var kept = document
            kept.findings = document.findings.filter(filter.admits)
            return kept
        }
    }

    /// Calls `arguments` a page at a time, handing each page's output to `page`, until no `NextToken` comes back.
    private func pages(_ arguments: [String], region: String?, label: String, page: (String) throws(FindingsError) -> Void) throws(FindingsError) {
        var token: String?
        var seen = Set<String>()
        repeat {
            let paging = ["--max-items", String(pageSize)] + (token.map { ["--starting-token", $0] } ?? [])
            let output = try call(arguments + paging, region: region, label: label)
            try page(output)
            token = (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?["NextToken"] as? String
            // A token seen before would page forever.
            if let next = token, !seen.insert(next).inserted {
                throw FindingsError(source: label, reason: "\(arguments.prefix(2).joined(separator: " ")) gave the same NextToken twice")
            }
        } while token != nil
    }

    private func call(_ arguments: [String], region: String?, label: String) throws(FindingsError) -> String {
        let result: AWSCallResult
        do {
            result = try runner.run(arguments, region: region)
        } catch {
            throw FindingsError(source: label, reason: error.description)
        }
        if let failure = result.failure { throw FindingsError(source: label, reason: "\(arguments.prefix(2).joined(separator: " ")): \(failure)") }
        if result.truncated { throw FindingsError(source: label, reason: "\(arguments.prefix(2).joined(separator: " ")) printed more than the output limit") }
        return result.stdout
    }

    private func strings(_ output: String, key: String, label: String) throws(FindingsError) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], let list = object[key] as? [String] else {
            throw FindingsError(source: label, reason: "the answer has no \(key) list")
        }
        return list
    }
}
