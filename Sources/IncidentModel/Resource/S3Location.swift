/// A bucket, or an object in one: the key is everything after the bucket's
/// `/`, slashes and all (`spill-bucket` + `prod-backups/db.sql.gz`).
///
/// Bucket names never hold a `/`, so the first one ends the bucket however
/// the object is named: `s3://bucket/key`, `bucket/key`, or the ARN
/// `arn:aws:s3:::bucket/key`.
///
/// ```swift
/// let object = try S3Location(parsing: "arn:aws:s3:::spill-bucket/prod-backups/db.sql.gz")
/// object.bucket // "spill-bucket"
/// object.key    // "prod-backups/db.sql.gz"
/// ```
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    /// The object's whole key, or nil for the bucket itself.
    public var key: String?

    public init(bucket: String, key: String? = nil) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://bucket[/key]`, `bucket[/key]` or an S3 ARN, checking the
    /// bucket's name; a `/` with nothing after it names no object and is refused.
    public init(parsing text: String) throws {
        let path: Substring
        if text.hasPrefix("arn:") {
            let arn = try ARN(parsing: text)
            guard arn.service == "s3" else { throw IncidentError.invalidInput("'\(text.terminalSafe)' is not an S3 ARN") }
            path = Substring(arn.resource)
        } else if text.hasPrefix("s3://") {
            path = text.dropFirst(5)
        } else {
            path = Substring(text)
        }
        try self.init(path: path, original: text)
    }

    /// `bucket[/key]` as the resource part of an S3 ARN holds it.
    init(path: Substring, original: String) throws {
        let bucket = path.firstIndex(of: "/").map { path[..<$0] } ?? path
        guard S3Shape.isBucketName(String(bucket)) else {
            throw IncidentError.invalidInput("'\(original.terminalSafe)' does not start with a bucket name (3-63 lowercase letters, digits, dots and hyphens)")
        }
        self.bucket = String(bucket)
        guard bucket.endIndex < path.endIndex else { key = nil; return }
        let key = path[path.index(after: bucket.endIndex)...]
        guard !key.isEmpty else { throw IncidentError.invalidInput("'\(original.terminalSafe)' ends with '/' and names no object") }
        guard key.utf8.count <= 1024 else { throw IncidentError.invalidInput("the key of '\(original.terminalSafe)' is longer than 1024 bytes") }
        self.key = String(key)
    }

    /// `bucket` or `bucket/key`, as the CLI's own `s3://` form without the scheme.
    public var description: String { key.map { "\(bucket)/\($0)" } ?? bucket }
}
