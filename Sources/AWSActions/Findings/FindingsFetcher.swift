import Foundation
import IncidentModel

/// Fetches findings through the AWS CLI runner (`--from securityhub|guardduty`)
/// and parses them with the same code as a file.
///
/// Security Hub: `securityhub get-findings` (the CLI follows the pages).
/// GuardDuty: `list-detectors`, then `list-findings` per detector, then
/// `get-findings` fifty ids at a time (the API's limit).
public struct FindingsFetcher: Sendable {
    public var runner: AWSCLIRunner
    public var ownerTags: OwnerTags

    public init(runner: AWSCLIRunner, ownerTags: OwnerTags = OwnerTags()) {
        self.runner = runner
        self.ownerTags = ownerTags
    }

    /// The findings of `source` in `region` (nil: the CLI's default), as documents to import.
    public func fetch(_ source: FindingSource, region: String?) throws(FindingsError) -> [FindingsDocument] {
        let label = "\(source.rawValue) (\(region ?? runner.configuration.region ?? "default region"))"
        switch source {
        case .securityHub:
            let output = try call(["securityhub", "get-findings"], region: region, label: label)
            return [try FindingsDocument.parse(Data(output.utf8), source: "securityhub get-findings \(label)", ownerTags: ownerTags)]
        case .guardDuty:
            let detectors = try strings(try call(["guardduty", "list-detectors"], region: region, label: label), key: "DetectorIds", label: label)
            var documents: [FindingsDocument] = []
            for detector in detectors {
                guard detector.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw FindingsError(source: label, reason: "detector id '\(detector.terminalSafe)' is not alphanumeric")
                }
                let ids = try strings(try call(["guardduty", "list-findings", "--detector-id", detector], region: region, label: label),
                                      key: "FindingIds", label: label)
                for start in stride(from: 0, to: ids.count, by: 50) {
                    let batch = Array(ids[start..<min(start + 50, ids.count)])
                    let output = try call(["guardduty", "get-findings", "--detector-id", detector, "--finding-ids"] + batch, region: region, label: label)
                    documents.append(try FindingsDocument.parse(Data(output.utf8), source: "guardduty get-findings \(label)", ownerTags: ownerTags))
                }
            }
            return documents
        }
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
