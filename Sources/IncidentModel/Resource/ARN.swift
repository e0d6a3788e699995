/// An Amazon Resource Name split into its six parts.
///
/// ```swift
/// let arn = try ARN(parsing: "arn:aws:iam::123456789012:user/alice")
/// arn.service      // "iam"
/// arn.region       // ""  (IAM is global)
/// arn.resource     // "user/alice"
/// ```
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// The resource type and id: `("instance", "i-0abc…")` for
    /// `instance/i-0abc…`, `("function", "name")` for `function:name`,
    /// `(nil, "bucket")` for an S3 bucket.
    public var typeAndID: (type: String?, id: String) {
        if let separator = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) {
            return (String(resource[..<separator]), String(resource[resource.index(after: separator)...]))
        }
        return (nil, resource)
    }
}
