import Foundation
import IncidentModel

/// A resource as a run acts on it: its id in the incident, the id the CLI is
/// given, and where it lives.
public struct PlannedResource: Sendable, Equatable {
    /// The id or ARN it was added to the incident with.
    public var id: String
    /// The id the CLI takes (`i-…`, a bucket name, a key id).
    public var cliID: String
    public var kind: ResourceKind
    public var region: String?
    /// The account it belongs to, when the incident or its ARN says.
    public var account: String?

    public init(id: String, cliID: String, kind: ResourceKind, region: String?) {
        self.id = id
        self.cliID = cliID
        self.kind = kind
        self.region = region
    }

    /// Re-checks the id against its kind's AWS shape before any call: whatever
    /// the database holds, a value that is not an id never reaches the CLI.
    public init(_ resource: Resource) throws {
        let reference = try ResourceIdentifier(parsing: resource.id, kind: resource.kind == .other ? nil : resource.kind)
        var cliID = resource.shortID
        // Keys and policies are taken by ARN (`--key-id`, `--policy-arn`); everything else by its name.
        if resource.kind == .kmsKey || resource.kind == .iamPolicy, let arn = reference.arn { cliID = arn.description }
        if cliID.hasPrefix("-") || cliID.firstControlCharacter != nil || cliID.isEmpty {
            throw IncidentError.invalidInput("resource id '\(resource.id.terminalSafe)' cannot be passed to the AWS CLI")
        }
        self.init(id: resource.id, cliID: cliID, kind: resource.kind, region: resource.region ?? reference.region)
        account = resource.account ?? reference.account
    }

    /// The values this resource gives placeholders.
    func builtins(incident: IncidentID, run: String, now: Date) throws -> TemplateValues {
        var values = TemplateValues()
        values.set("resource", string: cliID)
        values.set("incident", string: incident.description)
        values.set("run", string: run)
        values.set("now", string: ActionParameter.rfc3339(now))
        if let region { values.set("region", string: region) }
        if kind == .s3Object {
            // The bucket ends at the first '/'; the key is all the rest, further slashes included.
            guard let object = try? S3Location(parsing: cliID), let key = object.key else {
                throw IncidentError.invalidInput("'\(cliID.terminalSafe)' is not bucket/key")
            }
            values.set("object-bucket", string: object.bucket)
            values.set("object-key", string: key)
        }
        if kind == .s3Bucket {
            // A policy's Resource needs the bucket and its objects as whole strings.
            values.set("bucket-arn", string: "arn:aws:s3:::\(cliID)")
            values.set("bucket-objects-arn", string: "arn:aws:s3:::\(cliID)/*")
        }
        if kind == .route53Record {
            let parts = cliID.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { throw IncidentError.invalidInput("'\(cliID.terminalSafe)' is not ZONEID/record-name/TYPE") }
            let zone = parts[0], type = parts[2]
            var name = parts[1].lowercased()
            if !name.hasSuffix(".") { name += "." }
            // The name goes inside a JMESPath literal; allow only what DNS names hold.
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_*".contains($0)) }),
                  type.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw IncidentError.invalidInput("'\(cliID.terminalSafe)' is not a record name Firebreak can query")
            }
            values.set("record-zone", string: zone)
            values.set("record-name", string: name)
            values.set("record-type", string: type)
            values.set("record-set-query", string: "ResourceRecordSets[?Name=='\(name)' && Type=='\(type)'] | [0]")
            values.set("record-values-query", string: "ResourceRecordSets[?Name=='\(name)' && Type=='\(type)'] | [0].ResourceRecords[].Value")
        }
        return values
    }
}
