import Foundation
import IncidentStore

/// Where a PostgreSQL incident database is: `postgresql://USER@HOST:PORT/DB?sslmode=MODE&sslrootcert=FILE`.
///
/// Never a password: it comes from `PGPASSWORD`, `PGPASSFILE` or `~/.pgpass`
/// when connecting, so it is never on a command line, in a config file, in
/// the database or on the screen. A plain-text connection to a host other than
/// this machine is refused unless the URL asks for it with `sslmode=disable`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: PostgresSSLMode
    /// The CA certificates (PEM) that `verify-ca` and `verify-full` check the server against; nil: the system's.
    public var rootCertificate: String?

    /// True when `text` is meant as a PostgreSQL location rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses a `postgresql://` URL; one line naming the problem when it cannot be used.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresLocation {
        func refuse(_ reason: String) -> StoreError {
            StoreError.database(path: "the --db URL", reason: reason)
        }
        guard isURL(text), let components = URLComponents(string: text), let rawHost = components.host, !rawHost.isEmpty else {
            throw refuse("expected postgresql://USER@HOST:PORT/DATABASE?sslmode=MODE")
        }
        if components.password != nil {
            throw refuse("it carries a password; give it through PGPASSWORD or ~/.pgpass (or PGPASSFILE), never on the command line or in a file of Firebreak's")
        }
        let host = rawHost.hasPrefix("[") ? String(rawHost.dropFirst().dropLast()) : rawHost
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        var database = String(components.path.drop { $0 == "/" })
        if database.isEmpty { database = environment["PGDATABASE"] ?? user }
        var sslMode: PostgresSSLMode?
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(PostgresSSLMode.init(rawValue:)) else {
                    throw refuse("sslmode must be one of \(PostgresSSLMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\((item.value ?? "").terminalSafe)'")
                }
                sslMode = mode
            case "sslrootcert":
                rootCertificate = item.value
            case "password":
                throw refuse("it carries a password; give it through PGPASSWORD or ~/.pgpass (or PGPASSFILE), never on the command line or in a file of Firebreak's")
            default:
                throw refuse("unknown parameter '\(item.name.terminalSafe)' (known: sslmode, sslrootcert)")
            }
        }
        let local = isLoopback(host)
        let mode = sslMode ?? (local ? .prefer : .verifyFull)
        if !local && mode.mayBePlainText && mode != .disable {
            throw refuse("sslmode=\(mode.rawValue) may send the incident to \(host.terminalSafe) in plain text; use sslmode=verify-full (or require), or sslmode=disable to ask for plain text")
        }
        return PostgresLocation(user: user, host: host, port: components.port ?? 5432, database: database,
                                sslMode: mode, rootCertificate: rootCertificate)
    }

    public init(user: String, host: String, port: Int, database: String, sslMode: PostgresSSLMode, rootCertificate: String? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.rootCertificate = rootCertificate
    }

    /// The URL as given, without anything secret (there never is a password in it).
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)".terminalSafe
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
