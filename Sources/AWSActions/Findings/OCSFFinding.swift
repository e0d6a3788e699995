import Foundation
import IncidentModel

/// A finding in the Open Cybersecurity Schema Framework, as Security Hub's
/// newer API (`get-findings-v2`) and Security Lake write it: a Detection
/// Finding (class 2004) or Security Finding (2001) with `finding_info`,
/// `cloud`, `resources`, `observables` and `evidences`.
///
/// Imported as a Security Hub finding, through the same resource reader as
/// ASFF (`AWS::EC2::Instance` and `AwsEc2Instance` are one type).
enum OCSFFinding {
    /// OCSF's `severity_id`: 1 Informational … 5 Critical, 6 Fatal.
    static let severities = [1: "INFORMATIONAL", 2: "LOW", 3: "MEDIUM", 4: "HIGH", 5: "CRITICAL", 6: "CRITICAL"]

    static func parse(_ object: [String: Any], ownerTags: OwnerTags) throws(FindingFieldError) -> Finding {
        let fields = FindingFields(object)
        guard let info = fields.child("finding_info") else { throw FindingFieldError("finding_info is missing") }
        let id = try info.id("uid")
        let types = info.texts("types")
        guard let type = types.first ?? info.text("title") ?? fields.text("class_name") else {
            throw FindingFieldError("finding_info has neither types nor a title")
        }
        var notes: [String] = []
        let cloud = fields.child("cloud")
        var account: String?
        if let text = cloud?.child("account")?.text("uid") {
            if (try? AWSAccount.validate(text)) == text { account = text } else { notes.append("cloud.account.uid '\(text.terminalSafe)' is not a 12-digit account id") }
        }
        var region: String?
        if let text = cloud?.text("region") {
            if AWSRegion.isWellFormed(text) { region = text } else { notes.append("cloud.region '\(text.terminalSafe)' is not a region name") }
        }
        var label = "UNKNOWN"
        if let text = fields.text("severity")?.uppercased(), SecurityHubFinding.labels.contains(text) {
            label = text
        } else if let number = fields.value("severity_id") as? NSNumber, let known = severities[number.intValue] {
            label = known
        } else {
            notes.append("severity and severity_id are missing or unknown")
        }
        guard let firstSeen = time(info, "first_seen_time") ?? time(info, "created_time") ?? time(fields, "time") else {
            throw FindingFieldError("finding_info.first_seen_time, created_time and time are all missing")
        }
        let lastSeen = time(info, "last_seen_time") ?? time(info, "modified_time") ?? firstSeen

        var harvest = FindingHarvest(region: region, account: account, ownerTags: ownerTags)
        for note in notes { harvest.unusable("", note) }
        let resources = fields.children("resources")
        if resources.isEmpty { harvest.unusable("resources", "is missing or empty") }
        for resource in resources { _ = SecurityHubResources.read(resource, into: &harvest) }
        var actor: String?
        for observable in fields.children("observables") { readObservable(observable, into: &harvest) }
        for evidence in fields.children("evidences") {
            for endpoint in ["src_endpoint", "dst_endpoint"] {
                if let point = evidence.child(endpoint) {
                    harvest.indicator(.ipAddress, point.text("ip"), field: point.name("ip"))
                    harvest.indicator(.domain, point.text("domain"), field: point.name("domain"))
                }
            }
            if let user = evidence.child("actor")?.child("user") {
                let name = user.text("name") ?? user.text("uid")
                harvest.indicator(.principal, user.text("uid") ?? user.text("name"), field: user.name(user.text("uid") != nil ? "uid" : "name"))
                if let name, actor == nil { actor = FindingText.line(name, maxLength: 128) }
            }
            if let request = evidence.child("http_request") {
                harvest.indicator(.userAgent, request.text("user_agent"), field: request.name("user_agent"))
            }
        }
        return Finding(id: id, source: .securityHub, type: FindingText.line(type, maxLength: 256), severity: label,
                       isSevere: label == "HIGH" || label == "CRITICAL", title: FindingText.line(info.text("title") ?? type, maxLength: 500),
                       firstSeen: firstSeen, lastSeen: lastSeen, account: account, region: region, resources: harvest.resources,
                       intent: types.lazy.compactMap(FindingIntent.threatPurpose).first,
                       description: info.text("desc").map { FindingText.line($0, maxLength: 1000) }, actor: actor,
                       indicators: harvest.indicators, unusable: harvest.unusable,
                       ocsfMetadataUid: FindingText.identifier(fields.child("metadata")?.text("uid")),
                       ocsfProductUid: FindingText.identifier(fields.child("metadata")?.child("product")?.text("uid")))
    }

    /// `NAME_dt` (RFC 3339), else `NAME` (milliseconds since 1970, OCSF's timestamp_t).
    static func time(_ fields: FindingFields, _ name: String) -> Date? {
        if let text = fields.text("\(name)_dt"), let date = FindingText.time(text) { return date }
        if let number = fields.value(name) as? NSNumber, !(fields.value(name) is String), number.doubleValue > 0 {
            return Date(timeIntervalSince1970: number.doubleValue / 1000)
        }
        return nil
    }

    /// OCSF observable types: 1 Hostname, 2 IP Address, 4 User Name, 8 Hash, 16 HTTP User-Agent, 21 User.
    static func readObservable(_ observable: FindingFields, into harvest: inout FindingHarvest) {
        let value = observable.text("value"), field = observable.name("value")
        switch (observable.value("type_id") as? NSNumber)?.intValue {
        case 1: harvest.indicator(.domain, value, field: field)
        case 2: harvest.indicator(.ipAddress, value, field: field)
        case 4, 21: harvest.indicator(.principal, value, field: field)
        case 8: harvest.indicator(.fileHash, value, field: field)
        case 16: harvest.indicator(.userAgent, value, field: field)
        default: break
        }
    }
}
