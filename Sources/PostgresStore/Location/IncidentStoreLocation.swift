import Foundation
import IncidentStore

/// Where the incident database is, as `--db`, `FIREBREAK_DB` or `db = …` give it:
/// a SQLite file's path, or a `postgresql://` URL for a shared server. The one
/// place that turns that text into a store, so nothing above the store names either.
public enum IncidentStoreLocation: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case server(PostgresLocation)

    /// A `postgresql://` (or `postgres://`) URL is a server; anything else is a file path.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self = PostgresLocation.isURL(text) ? .server(try PostgresLocation.parse(text, environment: environment)) : .file(text)
    }

    /// The path, or the URL without anything secret.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .server(let location): return location.description
        }
    }

    /// The store for a command that changes something: created (or migrated) on first use.
    public func openWritable(signer: HeadSigner?) throws -> any IncidentEventStore {
        switch self {
        case .file(let path): return try SQLiteIncidentStore(path: path, mode: .readWrite, signer: signer)
        case .server(let location): return try PostgresIncidentStore(location: location, mode: .readWrite, signer: signer)
        }
    }

    /// The store for a command that only reads, read-only all the way down; nil when there is no database yet.
    public func openReadOnly() throws -> (any IncidentEventStore)? {
        do {
            switch self {
            case .file(let path): return try SQLiteIncidentStore(path: path, mode: .readOnly)
            case .server(let location): return try PostgresIncidentStore(location: location, mode: .readOnly)
            }
        } catch StoreError.noDatabase {
            return nil
        }
    }

    /// Where consoles on this database announce themselves: beside a file, or in the server's `presence` table.
    public var presenceBoard: (any PresenceBoard)? {
        switch self {
        case .file(let path): return FilePresenceBoard(databasePath: path)
        case .server(let location): return try? PostgresPresenceBoard(location: location)
        }
    }
}
