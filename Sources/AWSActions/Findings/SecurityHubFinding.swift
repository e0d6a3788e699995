import Foundation
import IncidentModel

/// A finding in the AWS Security Finding Format, as `securityhub get-findings` prints it.
///
/// Each entry of `Resources` becomes a resource: its `Type` (`AwsEc2Instance`,
/// `AwsIamAccessKey`, …) gives the kind, its `Id` (an ARN or a bare id) is
/// checked against that kind, its `Region` and `Tags` give where it lives and
/// who owns it. First seen is `FirstObservedAt`, else `CreatedAt`.
enum SecurityHubFinding {
    /// ASFF resource types and the kinds they map to; a type not listed is inferred from its id.
    static let kinds: [String: ResourceKind] = [
        "AwsEc2Instance": .ec2Instance, "AwsEc2Volume": .ebsVolume, "AwsEc2SecurityGroup": .securityGroup,
        "AwsEc2Subnet": .subnet, "AwsEc2Vpc": .vpc, "AwsEc2NetworkInterface": .networkInterface, "AwsEc2NetworkAcl": .networkACL,
        "AwsIamAccessKey": .iamAccessKey, "AwsIamUser": .iamUser, "AwsIamRole": .iamRole, "AwsIamGroup": .iamGroup,
        "AwsIamPolicy": .iamPolicy, "AwsS3Bucket": .s3Bucket, "AwsS3Object": .s3Object, "AwsKmsKey": .kmsKey,
        "AwsLambdaFunction": .lambdaFunction, "AwsCloudTrailTrail": .cloudTrailTrail, "AwsLogsLogGroup": .logGroup,
    ]

    /// Types that name no resource Firebreak can act on (the account itself).
    static let ignoredTypes: Set<String> = ["AwsAccount"]

    static func parse(_ object: [String: Any], ownerTags: OwnerTags) throws(FindingFieldError) -> Finding {
        let fields = FindingFields(object)
        let id = try fields.id()
        let account = try fields.account("AwsAccountId")
        let region = try fields.region("Region")
        let title = try fields.string("Title")
        guard let types = object["Types"] as? [String], !types.isEmpty else { throw FindingFieldError("Types is missing or not a list of strings") }
        guard let severity = try fields.object("Severity") else { throw FindingFieldError("Severity is missing") }
        let label: String
        if let text = try severity.optionalString("Label") {
            label = text.uppercased()
        } else if let normalized = severity.object["Normalized"] as? NSNumber {
            let value = normalized.intValue
            label = value >= 90 ? "CRITICAL" : value >= 70 ? "HIGH" : value >= 40 ? "MEDIUM" : value >= 1 ? "LOW" : "INFORMATIONAL"
        } else {
            throw FindingFieldError("Severity has neither Label nor Normalized")
        }
        guard ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"].contains(label) else {
            throw FindingFieldError("Severity.Label '\(label.terminalSafe)' is not INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL")
        }
        // `??` would rethrow an untyped error, hence the plain lets.
        let observed = try fields.time("FirstObservedAt"), createdAt = try fields.time("CreatedAt")
        guard let firstSeen = observed ?? createdAt else {
            throw FindingFieldError("FirstObservedAt and CreatedAt are both missing")
        }
        let lastObserved = try fields.time("LastObservedAt"), updatedAt = try fields.time("UpdatedAt")
        let lastSeen = lastObserved ?? updatedAt ?? firstSeen
        let entries = try fields.objects("Resources")
        if entries.isEmpty { throw FindingFieldError("Resources is missing or empty") }
        var resources: [FindingResource] = []
        for entry in entries {
            if let resource = try Self.resource(entry, region: region, account: account, ownerTags: ownerTags) { resources.append(resource) }
        }
        // A GuardDuty finding forwarded to Security Hub keeps its own type as the generator.
        let generator = try fields.optionalString("GeneratorId")
        let type = types[0]
        return Finding(id: id, source: .securityHub, type: FindingText.line(type, maxLength: 256), severity: label,
                       isSevere: label == "HIGH" || label == "CRITICAL", title: FindingText.line(title, maxLength: 500),
                       firstSeen: firstSeen, lastSeen: lastSeen, account: account, region: region, resources: resources,
                       intent: intent(types: types, generator: generator))
    }

    static func resource(_ entry: FindingFields, region: String?, account: String?, ownerTags: OwnerTags) throws(FindingFieldError) -> FindingResource? {
        let type = try entry.string("Type")
        var id = try entry.string("Id")
        if ignoredTypes.contains(type) { return nil }
        // GuardDuty's access keys arrive as `AWS::IAM::AccessKey:ASIA…`.
        if type == "AwsIamAccessKey", id.hasPrefix("AWS::IAM::AccessKey:") { id = String(id.dropFirst("AWS::IAM::AccessKey:".count)) }
        let resourceRegion = try entry.region("Region") ?? region
        let owner = ownerTags.owner(in: OwnerTags.dictionary(entry.object["Tags"]))
        let reference = try FindingReference.parse(id, kind: kinds[type], field: entry.name("Id"))
        return FindingReference.resource(reference, region: resourceRegion, account: account, owner: owner)
    }

    /// The attacker's apparent purpose: GuardDuty's threat purpose when the
    /// type or generator carries one (`TTPs/Initial Access/UnauthorizedAccess:EC2-…`),
    /// else the ASFF category of a `TTPs`, `Effects` or `Unusual Behaviors` type.
    /// Configuration checks (`Software and Configuration Checks/…`) say nothing about intent.
    static func intent(types: [String], generator: String?) -> String? {
        for type in types {
            if let last = type.split(separator: "/").last, let purpose = FindingText.threatPurpose(String(last) + "/") {
                return purpose
            }
        }
        if let generator, let purpose = FindingText.threatPurpose(generator) { return purpose }
        for type in types {
            let parts = type.split(separator: "/").map(String.init)
            if parts.count >= 2, ["TTPs", "Effects", "Unusual Behaviors"].contains(parts[0]), FindingText.isIntentWord(parts[1]) {
                return parts[1]
            }
        }
        return nil
    }
}
