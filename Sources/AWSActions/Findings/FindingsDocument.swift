import Foundation
import IncidentModel

/// A findings document as `securityhub get-findings` or `guardduty get-findings`
/// prints it (`{"Findings": […]}`; a bare array of findings is accepted too,
/// and EventBridge events — one, or an array of them — whose `detail` is a
/// GuardDuty finding or holds Security Hub's `findings`),
/// parsed into findings and the problems of those that could not be.
///
/// Which format it is is told per finding: ASFF carries `SchemaVersion`
/// `2018-10-08` and a `ProductArn`; GuardDuty's own carries `Service` and `Resource`.
///
/// ```swift
/// let parsed = try FindingsDocument.parse(data, source: "findings.json")
/// parsed.findings   // the valid ones
/// parsed.problems   // one FindingsError per finding that was refused
/// ```
public struct FindingsDocument: Sendable {
    public var findings: [Finding]
    public var problems: [FindingsError]

    /// Parses a document one finding at a time (`FindingsOutline`). Throws when
    /// it is not JSON or not a findings document at all; a bad finding inside
    /// (a key given twice among them) becomes a problem, and the caller decides
    /// whether the others may be imported.
    public static func parse(_ data: Data, source: String, ownerTags: OwnerTags = OwnerTags()) throws(FindingsError) -> FindingsDocument {
        let scanned = data.withUnsafeBytes { bytes in Result { () throws(FindingsOutline.Malformed) in try FindingsOutline.scan(bytes) } }
        let outline: FindingsOutline
        switch scanned {
        case .success(let value):
            outline = value
        case .failure(let error):
            throw FindingsError(source: source, reason: "not JSON (\(data.isEmpty ? "the file is empty" : "it does not parse at byte \(error.offset)"))")
        }
        if let problem = outline.documentProblem { throw FindingsError(source: source, reason: "not a usable findings document: it \(problem)") }
        if case .object(let keys, let findings) = outline.root {
            switch findings {
            case .missing:
                // One EventBridge event saved as it was delivered (a rule's target, an archive replay):
                // read it as a document of that one event.
                if keys.contains("detail-type"), keys.contains("detail") {
                    return try parse(Data("[".utf8) + data + Data("]".utf8), source: source, ownerTags: ownerTags)
                }
                let shown = keys.sorted().prefix(5).map(\.terminalSafe).joined(separator: ", ")
                throw FindingsError(source: source, reason: "not a findings document: expected a \"Findings\" array, found keys \(shown.isEmpty ? "none" : shown)")
            case .notAnArray:
                throw FindingsError(source: source, reason: "\"Findings\" is not an array")
            case .array:
                break
            }
        }
        var document = FindingsDocument(findings: [], problems: [])
        for (index, range) in outline.elements.enumerated() {
            let element = try? JSONSerialization.jsonObject(with: data.subdata(in: range.lowerBound + data.startIndex..<range.upperBound + data.startIndex),
                                                            options: [.fragmentsAllowed])
            guard let object = element as? [String: Any] else {
                document.problems.append(FindingsError(source: source, index: index, reason: element == nil ? "is not valid JSON" : "is not an object"))
                continue
            }
            let id = ((object["Id"] ?? object["id"]) as? String).flatMap { $0.firstControlCharacter == nil && $0.count <= 512 ? $0 : nil }
            if let problem = outline.elementProblems[index] {
                document.problems.append(FindingsError(source: source, index: index, findingID: id, reason: problem))
                continue
            }
            do throws(FindingFieldError) {
                document.findings += try Self.findings(in: object, ownerTags: ownerTags)
            } catch {
                document.problems.append(FindingsError(source: source, index: index, findingID: id, reason: error.reason))
            }
        }
        return document
    }
}

extension FindingsDocument {
    /// The findings one element holds: itself, in whichever format it is, or
    /// those of the EventBridge event wrapping it (`detail` is a GuardDuty
    /// finding; `detail.findings` holds Security Hub's).
    static func findings(in object: [String: Any], ownerTags: OwnerTags) throws(FindingFieldError) -> [Finding] {
        let fields = FindingFields(object)
        if fields.has("detail-type"), let detail = fields.child("detail") {
            if fields.text("source") == "aws.guardduty" { return [try GuardDutyFinding.parse(detail.object, ownerTags: ownerTags)] }
            var found: [Finding] = []
            for (index, finding) in detail.children("findings").enumerated() {
                do throws(FindingFieldError) {
                    found += try findings(in: finding.object, ownerTags: ownerTags)
                } catch {
                    throw FindingFieldError("detail.findings[\(index)]: \(error.reason)")
                }
            }
            guard !found.isEmpty else { throw FindingFieldError("is an EventBridge event of '\(fields.text("detail-type")?.terminalSafe ?? "?")', with no finding in it") }
            return found
        }
        if fields.has("finding_info") { return [try OCSFFinding.parse(object, ownerTags: ownerTags)] }
        if fields.has("ProductArn") || fields.has("AwsAccountId") { return [try SecurityHubFinding.parse(object, ownerTags: ownerTags)] }
        if fields.has("Service") || fields.has("Resource") { return [try GuardDutyFinding.parse(object, ownerTags: ownerTags)] }
        throw FindingFieldError("is neither a Security Hub (ASFF or OCSF) nor a GuardDuty finding: it has no ProductArn/AwsAccountId, finding_info nor Service/Resource")
    }
}

/// Why one field of a finding is unusable; `FindingsDocument` adds the file and index.
struct FindingFieldError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Resource references from findings, checked the way a person's are.
enum FindingReference {
    /// IAM and the like live in no region; recording one would mislead.
    static let regionless: Set<ResourceKind> = [.iamUser, .iamRole, .iamRoleSession, .iamGroup, .iamPolicy, .iamInstanceProfile, .iamAccessKey, .route53Zone]

    /// Parses `id` as a resource of `kind` (or inferred), refusing a hostile or malformed id with the reason.
    static func parse(_ id: String, kind: ResourceKind?, field: String) throws(FindingFieldError) -> ResourceIdentifier {
        do {
            return try ResourceIdentifier(parsing: id, kind: kind)
        } catch {
            throw FindingFieldError("\(field): \(error)")
        }
    }

    static func resource(_ reference: ResourceIdentifier, region: String?, account: String?, owner: String?) -> FindingResource {
        FindingResource(reference: reference, region: regionless.contains(reference.kind) ? nil : (reference.region ?? region),
                        account: reference.account ?? account, owner: owner)
    }
}
