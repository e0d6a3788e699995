import IncidentModel

/// What `cloudtrail lookup-events` looks up by: one attribute and its value.
public struct CloudTrailLookup: Sendable, Equatable {
    /// The lookup attributes CloudTrail offers.
    public enum Attribute: String, Sendable, CaseIterable {
        case resourceName = "ResourceName"
        case accessKeyID = "AccessKeyId"
        case username = "Username"
        case eventName = "EventName"
        case eventSource = "EventSource"
        case resourceType = "ResourceType"
        case eventID = "EventId"
        case readOnly = "ReadOnly"
    }

    public var attribute: Attribute
    public var value: String

    /// Refuses a value that is empty, over 2,000 characters or holds a control character.
    public init(_ attribute: Attribute, _ value: String) throws {
        guard (1...2000).contains(value.count), value.firstControlCharacter == nil else {
            throw IncidentError.invalidInput("a CloudTrail lookup value must be 1-2,000 printable characters")
        }
        self.attribute = attribute
        self.value = value
    }

    /// How to find a resource's events: by access key id, by user name, else by resource name.
    public init(resource: Resource) throws {
        let id = resource.kind == .kmsKey ? resource.id : resource.shortID
        switch resource.kind {
        case .iamAccessKey: try self.init(.accessKeyID, id)
        case .iamUser: try self.init(.username, id)
        default: try self.init(.resourceName, id)
        }
    }

    /// The `--lookup-attributes` value.
    var json: String {
        TemplateValues.canonical([["AttributeKey": attribute.rawValue, "AttributeValue": value]])
    }
}
