import Foundation
import IncidentModel

/// A finding as `guardduty get-findings` prints it (schema 2.0).
///
/// Resources come from `Resource`: the instance (`InstanceDetails`, with its
/// instance profile), the access key and the user or role behind it
/// (`AccessKeyDetails`), buckets (`S3BucketDetails`) and Lambda functions.
/// First and last seen are `Service.EventFirstSeen` / `EventLastSeen`, which
/// say when the activity happened, falling back to `CreatedAt` / `UpdatedAt`.
enum GuardDutyFinding {
    static func parse(_ object: [String: Any], ownerTags: OwnerTags) throws(FindingFieldError) -> Finding {
        let fields = FindingFields(object)
        let id = try fields.id()
        let type = try fields.string("Type")
        let account = try fields.account("AccountId")
        let region = try fields.region("Region")
        guard let severityValue = object["Severity"] as? NSNumber, !(object["Severity"] is String) else {
            throw FindingFieldError(object["Severity"] == nil ? "Severity is missing" : "Severity is not a number")
        }
        let severity = severityValue.doubleValue
        // GuardDuty scores 1.0–10.0 (8.9 was the top before CRITICAL); anything else was not written by GuardDuty.
        guard (0...10).contains(severity) else {
            throw FindingFieldError("Severity \(severityValue) is outside GuardDuty's 0–10 scale")
        }
        let label = severity >= 9 ? "CRITICAL" : severity >= 7 ? "HIGH" : severity >= 4 ? "MEDIUM" : "LOW"
        let title = try fields.optionalString("Title") ?? type
        let service = try fields.object("Service")
        // `??` would rethrow an untyped error, hence the plain lets.
        let eventFirstSeen = try service?.time("EventFirstSeen"), createdAt = try fields.time("CreatedAt")
        guard let firstSeen = eventFirstSeen ?? createdAt else {
            throw FindingFieldError("Service.EventFirstSeen and CreatedAt are both missing")
        }
        let eventLastSeen = try service?.time("EventLastSeen"), updatedAt = try fields.time("UpdatedAt")
        let lastSeen = eventLastSeen ?? updatedAt ?? firstSeen
        guard let resource = try fields.object("Resource") else { throw FindingFieldError("Resource is missing") }
        let resources = try Self.resources(resource, region: region, account: account, ownerTags: ownerTags)
        return Finding(id: id, source: .guardDuty, type: FindingText.line(type, maxLength: 256),
                       severity: "\(label) (\(String(format: "%.1f", severity)))", isSevere: severity >= 7,
                       title: FindingText.line(title, maxLength: 500), firstSeen: firstSeen, lastSeen: lastSeen,
                       account: account, region: region, resources: resources, intent: FindingText.threatPurpose(type))
    }

    static func resources(_ resource: FindingFields, region: String?, account: String?, ownerTags: OwnerTags) throws(FindingFieldError) -> [FindingResource] {
        var found: [FindingResource] = []
        func add(_ id: String, _ kind: ResourceKind?, _ field: String, owner: String? = nil) throws(FindingFieldError) {
            let reference = try FindingReference.parse(id, kind: kind, field: field)
            found.append(FindingReference.resource(reference, region: region, account: account, owner: owner))
        }
        if let instance = try resource.object("InstanceDetails") {
            let tags = OwnerTags.dictionary(instance.object["Tags"])
            if let id = try instance.optionalString("InstanceId") {
                try add(id, .ec2Instance, instance.name("InstanceId"), owner: ownerTags.owner(in: tags))
            }
            if let profile = try instance.object("IamInstanceProfile"), let arn = try profile.optionalString("Arn") {
                try add(arn, .iamInstanceProfile, profile.name("Arn"))
            }
        }
        if let key = try resource.object("AccessKeyDetails") {
            if let id = try key.optionalString("AccessKeyId"), !id.hasPrefix("GeneratedFinding") {
                try add(id, .iamAccessKey, key.name("AccessKeyId"))
            }
            if let name = try key.optionalString("UserName"), !name.hasPrefix("GeneratedFinding") {
                switch try key.optionalString("UserType") {
                case "IAMUser": try add(name, .iamUser, key.name("UserName"))
                case "AssumedRole", "Role": try add(name, .iamRole, key.name("UserName"))
                default: break // Root, federated users and AWS services have no resource to contain here.
                }
            }
        }
        for bucket in try resource.objects("S3BucketDetails") {
            let owner = ownerTags.owner(in: OwnerTags.dictionary(bucket.object["Tags"]))
            if let arn = try bucket.optionalString("Arn") {
                try add(arn, .s3Bucket, bucket.name("Arn"), owner: owner)
            } else if let name = try bucket.optionalString("Name") {
                try add(name, .s3Bucket, bucket.name("Name"), owner: owner)
            }
        }
        if let lambda = try resource.object("LambdaDetails"), let arn = try lambda.optionalString("FunctionArn") {
            try add(arn, .lambdaFunction, lambda.name("FunctionArn"), owner: ownerTags.owner(in: OwnerTags.dictionary(lambda.object["Tags"])))
        }
        return found
    }
}
