import IncidentModel

/// Which tags name a resource's owner, in order of preference. Configurable
/// (`--owner-tag`), `Owner`, `owner`, `team` by default.
public struct OwnerTags: Sendable, Equatable {
    public static let defaultNames = ["Owner", "owner", "team"]
    public var names: [String]

    public init(names: [String] = OwnerTags.defaultNames) {
        self.names = names.isEmpty ? OwnerTags.defaultNames : names
    }

    /// The owner named by the first matching tag with a non-empty value, made one safe line.
    public func owner(in tags: [String: String]) -> String? {
        for name in names {
            if let value = tags[name], !value.trimmingCharacters(in: .whitespaces).isEmpty {
                return FindingText.line(value, maxLength: 200)
            }
        }
        return nil
    }

    /// Tags as AWS lists them (`[{"Key": …, "Value": …}]`), as a dictionary.
    public static func dictionary(_ list: Any?) -> [String: String] {
        if let map = list as? [String: Any] { return map.compactMapValues { $0 as? String } }
        guard let items = list as? [[String: Any]] else { return [:] }
        var tags: [String: String] = [:]
        for item in items {
            if let key = (item["Key"] ?? item["key"] ?? item["name"] ?? item["Name"]) as? String, let value = (item["Value"] ?? item["value"]) as? String { tags[key] = value }
        }
        return tags
    }
}
