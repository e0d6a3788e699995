import Foundation

/// One CloudTrail record (an element of a log file's `Records`, or the
/// `CloudTrailEvent` of lookup-events) in one line for the log pane:
///
/// `iam.amazonaws.com CreateAccessKey by arn:aws:iam::123456789012:user/alice key=ASIA… from 198.51.100.7 on AKIA…, bob error=AccessDenied: …`
///
/// - the principal from `userIdentity` by its `type`: the ARN for `IAMUser`,
///   `AssumedRole`, `Root`, `FederatedUser`; `account ID` for `AWSAccount`,
///   `service NAME` for `AWSService`, the user name for `SAMLUser`,
///   `WebIdentityUser` and `IdentityCenterUser`; `via` the service that made the call (`invokedBy`);
/// - what it acted on: `resources[].ARN`, the ids the request names
///   (instances, users, roles, buckets, keys) and an access key it created;
/// - `shared` for an event another account's call delivered here (`sharedEventID`),
///   `mfa=` and `login=` from `additionalEventData` and `responseElements` of a console sign-in,
///   the user agent last.
///
/// Text is redacted (`SecretRedactor`): a record can carry a secret access key
/// in its response. Field reference:
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html and
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
public enum CloudTrailRecordSummary {
    /// The record as a log record; nil when it has no `eventTime` (nothing to place it by).
    /// `raw` is the record's bytes as they were read, whose SHA-256 a pinned line carries.
    public static func record(_ record: [String: Any], index: Int, raw: [UInt8]? = nil) -> AWSLogRecord? {
        guard let time = CloudTrailEvents.eventTime(record["eventTime"]) else { return nil }
        let errorCode = text(record["errorCode"])
        let id = text(record["eventID"]) ?? "record-\(index)"
        return AWSLogRecord(eventID: id, timestampMs: time, message: SecretRedactor.redact(line(record)),
                            source: text(record["eventSource"]), isError: errorCode != nil, record: raw)
    }

    /// The one line, unredacted.
    static func line(_ record: [String: Any]) -> String {
        var parts = [text(record["eventSource"]) ?? "?", text(record["eventName"]) ?? "?"]
        let identity = record["userIdentity"] as? [String: Any] ?? [:]
        parts.append("by \(principal(identity))")
        if let key = text(identity["accessKeyId"]) { parts.append("key=\(key)") }
        if let invokedBy = text(identity["invokedBy"]), text(identity["type"]) != "AWSService" { parts.append("via \(invokedBy)") }
        if let address = text(record["sourceIPAddress"]) { parts.append("from \(address)") }
        let targets = resources(record)
        if !targets.isEmpty { parts.append("on \(targets.joined(separator: ", "))") }
        if record["sharedEventID"] != nil { parts.append("shared") }
        let extra = record["additionalEventData"] as? [String: Any] ?? [:]
        if let mfa = text(extra["MFAUsed"]) { parts.append("mfa=\(mfa)") }
        if let login = text((record["responseElements"] as? [String: Any])?["ConsoleLogin"]) { parts.append("login=\(login)") }
        if let code = text(record["errorCode"]) {
            parts.append("error=\(code)" + (text(record["errorMessage"]).map { ": \($0)" } ?? ""))
        }
        if let agent = text(record["userAgent"]) { parts.append("ua=\(agent)") }
        return parts.joined(separator: " ")
    }

    /// Who made the call, by `userIdentity.type`.
    static func principal(_ identity: [String: Any]) -> String {
        let type = text(identity["type"])
        switch type ?? "" {
        case "IAMUser", "AssumedRole", "Root", "FederatedUser":
            if let arn = text(identity["arn"]) { return arn }
        case "AWSAccount":
            if let account = text(identity["accountId"]) ?? text(identity["principalId"]) { return "account \(account)" }
        case "AWSService":
            if let service = text(identity["invokedBy"]) { return "service \(service)" }
        case "IdentityCenterUser":
            if let user = text((identity["onBehalfOf"] as? [String: Any])?["userId"]) { return "identity-center \(user)" }
        default:
            break
        }
        if let name = text(identity["userName"]) { return type.map { "\($0) \(name)" } ?? name }
        if let arn = text(identity["arn"]) { return arn }
        if let id = text(identity["principalId"]) { return type.map { "\($0) \(id)" } ?? id }
        return type ?? "unknown"
    }

    /// Request fields that name a resource Firebreak can add.
    static let requestIDs = ["instanceId", "userName", "roleName", "bucketName", "groupId", "keyId", "accessKeyId", "volumeId",
                             "snapshotId", "functionName", "secretId", "policyArn", "instanceProfileName", "networkInterfaceId"]

    /// The resources a record names: `resources[].ARN`, then request ids, then a key it created; each once, in that order.
    static func resources(_ record: [String: Any]) -> [String] {
        var found: [String] = []
        func add(_ value: Any?) {
            if let value = text(value), value.count <= 2048, !found.contains(value) { found.append(value) }
        }
        for case let resource as [String: Any] in record["resources"] as? [Any] ?? [] { add(resource["ARN"] ?? resource["arn"]) }
        let request = record["requestParameters"] as? [String: Any] ?? [:]
        for key in requestIDs { add(request[key]) }
        for case let item as [String: Any] in (request["instancesSet"] as? [String: Any])?["items"] as? [Any] ?? [] { add(item["instanceId"]) }
        let response = record["responseElements"] as? [String: Any] ?? [:]
        for case let item as [String: Any] in (response["instancesSet"] as? [String: Any])?["items"] as? [Any] ?? [] { add(item["instanceId"]) }
        add((response["accessKey"] as? [String: Any])?["accessKeyId"])
        return found
    }

    /// A non-empty string value; CloudTrail writes `""` for an absent access key.
    static func text(_ value: Any?) -> String? {
        guard let string = value as? String, !string.isEmpty else { return nil }
        return string
    }
}
