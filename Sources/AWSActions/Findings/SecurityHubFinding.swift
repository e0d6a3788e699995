import Foundation
import IncidentModel

/// A finding in the AWS Security Finding Format, as `securityhub get-findings` prints it.
///
/// A finding needs an id, its types and a time; every other field that cannot
/// be used is named in `unusable` and the rest is kept. Each entry of
/// `Resources` becomes a resource (`SecurityHubResources`); indicators come
/// from `Action`, `Network` and the access key's details. First seen is
/// `FirstObservedAt`, else `CreatedAt`.
enum SecurityHubFinding {
    static func parse(_ object: [String: Any], ownerTags: OwnerTags) throws(FindingFieldError) -> Finding {
        let fields = FindingFields(object)
        let id = try fields.id()
        let types = fields.texts("Types")
        guard !types.isEmpty else { throw FindingFieldError("Types is missing or not a list of strings") }
        var notes: [String] = []
        let account: String?
        do throws(FindingFieldError) { account = try fields.account("AwsAccountId") } catch { account = nil; notes.append(error.reason) }
        let region: String?
        do throws(FindingFieldError) { region = try fields.region("Region") } catch { region = nil; notes.append(error.reason) }

        var label = "UNKNOWN"
        if let severity = fields.child("Severity") {
            if let text = severity.text("Label")?.uppercased(), Self.labels.contains(text) {
                label = text
            } else if let normalized = severity.value("Normalized") as? NSNumber, !(severity.value("Normalized") is String) {
                let value = normalized.intValue
                label = value >= 90 ? "CRITICAL" : value >= 70 ? "HIGH" : value >= 40 ? "MEDIUM" : value >= 1 ? "LOW" : "INFORMATIONAL"
            } else {
                notes.append("Severity has no usable Label (INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL) nor Normalized")
            }
        } else {
            notes.append("Severity is missing")
        }
        // `??` would rethrow an untyped error, hence the plain lets.
        let observed = try fields.time("FirstObservedAt"), createdAt = try fields.time("CreatedAt")
        let lastObserved = try fields.time("LastObservedAt"), updatedAt = try fields.time("UpdatedAt")
        guard let firstSeen = observed ?? createdAt ?? updatedAt else {
            throw FindingFieldError("FirstObservedAt, CreatedAt and UpdatedAt are all missing")
        }
        let lastSeen = lastObserved ?? updatedAt ?? firstSeen

        var harvest = FindingHarvest(region: region, account: account, ownerTags: ownerTags)
        for note in notes { harvest.unusable("", note) }
        let entries = fields.children("Resources")
        if entries.isEmpty { harvest.unusable("Resources", "is missing or empty") }
        var actor: String?
        for entry in entries {
            if let named = SecurityHubResources.read(entry, into: &harvest) { actor = actor ?? named }
        }
        if let action = fields.child("Action") { GuardDutyIndicators.read(FindingFields(["Action": action.object], path: ""), into: &harvest) }
        if let network = fields.child("Network") { readNetwork(network, into: &harvest) }

        let type = types[0]
        let title = fields.text("Title") ?? type
        return Finding(id: id, source: .securityHub, type: FindingText.line(type, maxLength: 256), severity: label,
                       isSevere: label == "HIGH" || label == "CRITICAL", title: FindingText.line(title, maxLength: 500),
                       firstSeen: firstSeen, lastSeen: lastSeen, account: account, region: region, resources: harvest.resources,
                       intent: FindingIntent.asff(types: types),
                       description: fields.text("Description").map { FindingText.line($0, maxLength: 1000) }, actor: actor,
                       indicators: harvest.indicators, unusable: harvest.unusable,
                       productArn: fields.text("ProductArn").flatMap { (try? ARN(parsing: $0)) != nil ? $0 : nil })
    }

    static let labels: Set<String> = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]

    /// The far end of the traffic: the source of inbound traffic, the destination of outbound.
    static func readNetwork(_ network: FindingFields, into harvest: inout FindingHarvest) {
        switch network.text("Direction") {
        case "IN":
            harvest.indicator(.ipAddress, network.text("SourceIpV4"), field: network.name("SourceIpV4"))
            harvest.indicator(.ipAddress, network.text("SourceIpV6"), field: network.name("SourceIpV6"))
            harvest.indicator(.domain, network.text("SourceDomain"), field: network.name("SourceDomain"))
        case "OUT":
            harvest.indicator(.ipAddress, network.text("DestinationIpV4"), field: network.name("DestinationIpV4"))
            harvest.indicator(.ipAddress, network.text("DestinationIpV6"), field: network.name("DestinationIpV6"))
            harvest.indicator(.domain, network.text("DestinationDomain"), field: network.name("DestinationDomain"))
        default:
            break
        }
    }
}
