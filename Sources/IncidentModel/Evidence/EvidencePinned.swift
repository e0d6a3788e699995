import Foundation

/// `evidence.pinned`: a log line kept as evidence, with where it came from,
/// when it was logged, and the SHA-256 of its raw bytes so a copy can be
/// checked against it later.
public struct EvidencePinned: Codable, Sendable, Equatable {
    public static let kind = "evidence.pinned"
    /// The log source (`incident`, `file:/var/log/auth.log`, `cloudwatch:/aws/…`).
    public var source: String
    /// The line as text (control characters already made visible).
    public var line: String
    /// When the line says it was logged (or when it arrived), RFC 3339 in UTC.
    public var loggedAt: String
    /// Hex SHA-256 of the line's raw bytes, or of the record the line sums up (see `hashOf`).
    public var sha256: String
    /// Resources of the incident the line mentions.
    public var resources: [String]
    /// What `sha256` is of: nil for the line's raw bytes (and in events written before it was kept),
    /// `.record` for the record the line sums up, as AWS wrote it (a CloudTrail record).
    public var hashOf: EvidenceHashSubject?

    public init(source: String, line: String, loggedAt: Date, sha256: String, resources: [String] = [], hashOf: EvidenceHashSubject? = nil) {
        self.hashOf = hashOf
        self.source = source
        self.line = line
        self.loggedAt = Timestamp.format(loggedAt)
        self.sha256 = sha256
        self.resources = resources
    }
}

/// What a pinned line's SHA-256 was computed over.
public enum EvidenceHashSubject: String, Codable, Sendable {
    /// The record the line sums up, byte for byte as AWS wrote it: a CloudTrail
    /// record as it stands in its log file, or lookup-events' `CloudTrailEvent` text.
    case record

    /// How show and the report name it.
    public var wording: String {
        switch self {
        case .record: return "of the record as AWS wrote it, not of the line"
        }
    }
}

/// A pinned line as the incident keeps it.
public struct PinnedEvidence: Codable, Sendable, Equatable {
    public var seq: Int64
    public var pin: EvidencePinned
    public var pinnedAt: Date
    public var pinnedBy: String

    public init(seq: Int64, pin: EvidencePinned, pinnedAt: Date, pinnedBy: String) {
        self.seq = seq
        self.pin = pin
        self.pinnedAt = pinnedAt
        self.pinnedBy = pinnedBy
    }
}
