import Foundation
import IncidentModel

/// A finding as `guardduty get-findings` prints it (schema 2.0), or as
/// EventBridge and GuardDuty's S3 export write it (the same fields, camelCase).
///
/// A finding needs an id, a type and a time; every other field that cannot be
/// used is named in `unusable` and the rest is kept. First and last seen are
/// `Service.EventFirstSeen` / `EventLastSeen`, which say when the activity
/// happened, falling back to `CreatedAt` / `UpdatedAt`. Resources come from
/// `Resource` (`GuardDutyResources`), indicators from `Service`
/// (`GuardDutyIndicators`).
enum GuardDutyFinding {
    /// The detector in a finding's ARN (`arn:aws:guardduty:REGION:ACCOUNT:detector/DETECTOR/finding/ID`); nil for any other shape.
    static func detectorID(_ arn: String?) -> String? {
        guard let arn, arn.hasPrefix("arn:"), arn.split(separator: ":").count == 6 else { return nil }
        let path = arn.split(separator: ":", maxSplits: 5)[5].split(separator: "/")
        guard path.count == 4, path[0] == "detector", path[2] == "finding" else { return nil }
        // archive-findings takes 1-300 characters; GuardDuty's own are 32 lowercase hex digits.
        let detector = String(path[1])
        return (1...300).contains(detector.count) && detector.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? detector : nil
    }

    static func parse(_ object: [String: Any], ownerTags: OwnerTags) throws(FindingFieldError) -> Finding {
        let fields = FindingFields(object)
        let id = try fields.id()
        let type = try fields.string("Type")
        var notes: [(String, String)] = []
        let account: String?
        do throws(FindingFieldError) { account = try fields.account("AccountId") } catch { account = nil; notes.append(("", error.reason)) }
        let region: String?
        do throws(FindingFieldError) { region = try fields.region("Region") } catch { region = nil; notes.append(("", error.reason)) }

        let service = fields.child("Service")
        // `??` would rethrow an untyped error, hence the plain lets.
        let eventFirstSeen = try service?.time("EventFirstSeen"), createdAt = try fields.time("CreatedAt")
        let eventLastSeen = try service?.time("EventLastSeen"), updatedAt = try fields.time("UpdatedAt")
        guard let firstSeen = eventFirstSeen ?? createdAt ?? updatedAt else {
            throw FindingFieldError("Service.EventFirstSeen, CreatedAt and UpdatedAt are all missing")
        }
        let lastSeen = eventLastSeen ?? updatedAt ?? firstSeen

        let severity: String, isSevere: Bool
        if let number = fields.value("Severity") as? NSNumber, !(fields.value("Severity") is String), (0...10).contains(number.doubleValue) {
            // GuardDuty scores 1.0–10.0 (8.9 was the top before CRITICAL).
            let value = number.doubleValue
            let label = value >= 9 ? "CRITICAL" : value >= 7 ? "HIGH" : value >= 4 ? "MEDIUM" : "LOW"
            severity = "\(label) (\(String(format: "%.1f", value)))"
            isSevere = value >= 7
        } else {
            severity = "UNKNOWN"
            isSevere = false
            notes.append(("", fields.has("Severity") ? "Severity is not a number on GuardDuty's 0–10 scale" : "Severity is missing"))
        }

        var harvest = FindingHarvest(region: region, account: account, ownerTags: ownerTags)
        for (field, reason) in notes { harvest.unusable(field, reason) }
        var actor: String?
        if let resource = fields.child("Resource") {
            actor = GuardDutyResources.read(resource, into: &harvest)
        } else {
            harvest.unusable("Resource", fields.has("Resource") ? "is not an object" : "is missing")
        }
        if let service { GuardDutyIndicators.read(service, into: &harvest) }

        return Finding(id: id, source: .guardDuty, type: FindingText.line(type, maxLength: 256), severity: severity, isSevere: isSevere,
                       title: FindingText.line(fields.text("Title") ?? type, maxLength: 500), firstSeen: firstSeen, lastSeen: lastSeen,
                       account: account, region: region, resources: harvest.resources, intent: FindingIntent.threatPurpose(type),
                       description: fields.text("Description").map { FindingText.line($0, maxLength: 1000) }, actor: actor,
                       indicators: harvest.indicators, unusable: harvest.unusable, detectorId: detectorID(fields.text("Arn")))
    }
}
