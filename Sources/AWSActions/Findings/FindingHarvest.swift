import Foundation
import IncidentModel

/// What one finding yields as it is read: its resources, its indicators of
/// compromise, and the fields that could not be used. Nothing here throws: an
/// odd field is named in `unusable` and the reading goes on, so one bad id
/// never costs the finding.
struct FindingHarvest {
    let region: String?
    let account: String?
    let ownerTags: OwnerTags
    private(set) var resources: [FindingResource] = []
    private(set) var indicators: [IndicatorSighting] = []
    private(set) var unusable: [String] = []

    init(region: String?, account: String?, ownerTags: OwnerTags) {
        self.region = region
        self.account = account
        self.ownerTags = ownerTags
    }

    /// GuardDuty's sample findings fill fields with `GeneratedFinding…` placeholders.
    static func isPlaceholder(_ value: String) -> Bool {
        value.hasPrefix("GeneratedFinding") || value == "null" || value.hasSuffix(":null")
    }

    /// Names `field` as unusable and why, once.
    mutating func unusable(_ field: String, _ reason: String) {
        let line = FindingText.line(field.isEmpty ? reason : "\(field) \(reason)", maxLength: 300)
        if !unusable.contains(line) { unusable.append(line) }
    }

    /// Adds the resource `id` names, as `kind` (or the kind its id or ARN says),
    /// or names the field as unusable. Returns whether it was added.
    @discardableResult
    mutating func resource(_ id: String?, _ kind: ResourceKind?, field: String, tags: Any? = nil,
                           region explicitRegion: String? = nil, account explicitAccount: String? = nil) -> Bool {
        guard let id, !id.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        if Self.isPlaceholder(id) {
            unusable(field, "'\(id.terminalSafe)' is a placeholder, not an id")
            return false
        }
        let reference: ResourceIdentifier
        do {
            reference = try ResourceIdentifier(parsing: id, kind: kind)
        } catch {
            unusable(field, "'\(id.terminalSafe)': \(error)")
            return false
        }
        let regionless = FindingReference.regionless.contains(reference.kind) || reference.kind == .awsAccount || reference.kind == .awsRootUser
        let owner = tags.flatMap { ownerTags.owner(in: OwnerTags.dictionary($0)) }
        let resource = FindingResource(reference: reference, region: regionless ? nil : (reference.region ?? explicitRegion ?? region),
                                       account: reference.account ?? explicitAccount ?? account, owner: owner)
        // One resource named twice (an access key's user by name, then the user by ARN) is one resource, by its ARN.
        if let index = resources.firstIndex(where: { $0.reference.id == reference.id || Self.sameResource($0.reference, reference) }) {
            if reference.arn != nil && resources[index].reference.arn == nil {
                let kept = resources[index].owner
                resources[index] = resource
                if resource.owner == nil { resources[index].owner = kept }
            } else if resources[index].owner == nil {
                resources[index].owner = owner
            }
        } else {
            resources.append(resource)
        }
        return true
    }

    /// The same kind and the same short name (`web-role` and `arn:aws:iam::…:role/web-role`).
    static func sameResource(_ a: ResourceIdentifier, _ b: ResourceIdentifier) -> Bool {
        a.kind == b.kind && (a.arn?.resourceName ?? a.id) == (b.arn?.resourceName ?? b.id)
    }

    /// Adds an indicator after checking it has its kind's shape; a placeholder or
    /// malformed value is named as unusable.
    mutating func indicator(_ kind: IndicatorKind, _ raw: String?, field: String) {
        guard let raw else { return }
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return }
        if Self.isPlaceholder(value) {
            unusable(field, "'\(value.terminalSafe)' is a placeholder")
            return
        }
        guard let checked = Self.checked(kind, value) else {
            unusable(field, "'\(FindingText.line(value, maxLength: 80))' is not a valid \(kind.rawValue)")
            return
        }
        if !indicators.contains(where: { $0.kind == kind && $0.value == checked }) {
            indicators.append(IndicatorSighting(kind: kind, value: checked, field: field))
        }
    }

    /// The value as kept, or nil when it does not have the shape of its kind.
    static func checked(_ kind: IndicatorKind, _ value: String) -> String? {
        switch kind {
        case .ipAddress:
            return (try? ResourceIdentifier(parsing: value, kind: .ipAddress)) != nil ? value.lowercased() : nil
        case .accessKeyID:
            return (try? ResourceIdentifier(parsing: value, kind: .iamAccessKey)) != nil ? value : nil
        case .account:
            return value.count == 12 && value.allSatisfy({ $0.isASCII && $0.isNumber }) ? value : nil
        case .domain:
            let domain = value.hasSuffix(".") ? String(value.dropLast()) : value
            guard (1...253).contains(domain.count), domain.contains("."),
                  domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else { return nil }
            return domain.lowercased()
        case .fileHash:
            return [32, 40, 64, 128].contains(value.count) && value.allSatisfy(\.isHexDigit) ? value.lowercased() : nil
        case .userAgent, .principal:
            let line = FindingText.line(value, maxLength: kind == .userAgent ? 300 : 256)
            return line.isEmpty ? nil : line
        }
    }
}
