import Foundation

/// A call's whole output when it is larger than what an event carries: kept
/// once in the database's body store under its SHA-256, which the event (and
/// so the hash chain) holds. The event's own `stdout` keeps the first part.
///
/// ```swift
/// record.stdoutBody  // StoredBody(sha256: "9f86d0…", bytes: 2_400_311)
/// ```
public struct StoredBody: Codable, Sendable, Equatable, Hashable {
    /// Lowercase hex SHA-256 of the (redacted) bytes.
    public var sha256: String
    /// The body's size in bytes.
    public var bytes: Int

    public init(sha256: String, bytes: Int) {
        self.sha256 = sha256
        self.bytes = bytes
    }
}
