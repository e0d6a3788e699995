import IncidentModel

extension ResourceLinker {
    /// The spellings under which a log line may name `resource`: the id it
    /// was added with, its short id (`i-0abc…` for an instance ARN, the bucket
    /// of `s3://bucket`), and for IAM paths the last name (CloudTrail names a
    /// role `payments`, not `service-role/payments`).
    static func aliases(of resource: Resource) -> [String] {
        var names = [resource.id, resource.shortID]
        if resource.id.hasPrefix("s3://") {
            names.append(String(resource.id.dropFirst(5)))
        }
        if let arn = try? ARN(parsing: resource.id) {
            let (type, id) = arn.typeAndID
            if arn.service == "s3", let type {
                // arn:aws:s3:::bucket/key: the object is `bucket/key`, never
                // the bare key (which could be any "index.html").
                names.removeAll { $0 == id }
                names.append("\(type)/\(id)")
            }
            if arn.service == "iam" || arn.service == "sts", let last = id.split(separator: "/").last {
                names.append(String(last))
            }
        }
        var seen = Set<String>()
        return names.filter { $0.utf8.count >= minimumAliasLength && seen.insert($0).inserted }
    }
}
