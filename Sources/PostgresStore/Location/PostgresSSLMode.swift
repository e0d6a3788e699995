/// libpq's `sslmode`, as a `postgresql://` URL gives it.
public enum PostgresSSLMode: String, Sendable, CaseIterable {
    /// Plain text.
    case disable
    /// TLS when the server offers it, else plain text (PostgresNIO cannot start in plain text and upgrade, so as `prefer`).
    case allow
    /// TLS when the server offers it, else plain text.
    case prefer
    /// TLS, the server's certificate not checked.
    case require
    /// TLS, the certificate checked against the CA, not the host name.
    case verifyCA = "verify-ca"
    /// TLS, the certificate checked against the CA and the host name.
    case verifyFull = "verify-full"

    /// Whether this mode may send the password and the incident in plain text.
    var mayBePlainText: Bool { self == .disable || self == .allow || self == .prefer }
}
