import Foundation
import IncidentModel

/// A findings document as `securityhub get-findings` or `guardduty get-findings`
/// prints it (`{"Findings": […]}`; a bare array of findings is accepted too),
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
            let id = (object["Id"] as? String).flatMap { $0.firstControlCharacter == nil && $0.count <= 512 ? $0 : nil }
            if let problem = outline.elementProblems[index] {
                document.problems.append(FindingsError(source: source, index: index, findingID: id, reason: problem))
                continue
            }
            do throws(FindingFieldError) {
                let finding: Finding
                if object["ProductArn"] != nil || object["AwsAccountId"] != nil {
                    finding = try SecurityHubFinding.parse(object, ownerTags: ownerTags)
                } else if object["Service"] != nil || object["Resource"] != nil {
                    finding = try GuardDutyFinding.parse(object, ownerTags: ownerTags)
                } else {
                    throw FindingFieldError("is neither a Security Hub (ASFF) nor a GuardDuty finding: it has no ProductArn/AwsAccountId nor Service/Resource")
                }
                document.findings.append(finding)
            } catch {
                document.problems.append(FindingsError(source: source, index: index, findingID: id, reason: error.reason))
            }
        }
        return document
    }
}

/// Why one field of a finding is unusable; `FindingsDocument` adds the file and index.
struct FindingFieldError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Field access with the reasons a person needs.
struct FindingFields {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String = "") {
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string(_ key: String) throws(FindingFieldError) -> String {
        guard let value = object[key] else { throw FindingFieldError("\(name(key)) is missing") }
        guard let text = value as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FindingFieldError("\(name(key)) is not a non-empty string")
        }
        return text
    }

    func optionalString(_ key: String) throws(FindingFieldError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw FindingFieldError("\(name(key)) is not a string") }
        return text.isEmpty ? nil : text
    }

    func object(_ key: String) throws(FindingFieldError) -> FindingFields? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let child = value as? [String: Any] else { throw FindingFieldError("\(name(key)) is not an object") }
        return FindingFields(child, path: name(key))
    }

    func objects(_ key: String) throws(FindingFieldError) -> [FindingFields] {
        guard let value = object[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw FindingFieldError("\(name(key)) is not an array") }
        var result: [FindingFields] = []
        for (index, element) in list.enumerated() {
            guard let child = element as? [String: Any] else { throw FindingFieldError("\(name(key))[\(index)] is not an object") }
            result.append(FindingFields(child, path: "\(name(key))[\(index)]"))
        }
        return result
    }

    func time(_ key: String) throws(FindingFieldError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = FindingText.time(text) else { throw FindingFieldError("\(name(key)) '\(text.terminalSafe)' is not an RFC 3339 time") }
        return date
    }

    func id() throws(FindingFieldError) -> String {
        let id = try string("Id")
        if id.firstControlCharacter != nil { throw FindingFieldError("Id contains a control character") }
        if id.count > 512 { throw FindingFieldError("Id is longer than 512 characters") }
        return id
    }

    /// A region field: absent, or well formed.
    func region(_ key: String) throws(FindingFieldError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard AWSRegion.isWellFormed(text) else { throw FindingFieldError("\(name(key)) '\(text.terminalSafe)' is not a region name") }
        return text
    }

    /// An account field: absent, or 12 digits.
    func account(_ key: String) throws(FindingFieldError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard (try? AWSAccount.validate(text)) == text else { throw FindingFieldError("\(name(key)) '\(text.terminalSafe)' is not a 12-digit account id") }
        return text
    }
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
