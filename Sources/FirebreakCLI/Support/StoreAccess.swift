import Foundation
import IncidentModel
import IncidentStore
import PostgresStore

extension GlobalOptions {
    /// The store for a command that changes something: created on first use.
    /// It signs heads at checkpoints and at close with the operator's key.
    /// `warnings`: where a head that could not be signed is reported (stderr
    /// by default; the console, which owns the terminal, passes its own).
    /// `signing: false` only for the hidden load generator (`stress-append`).
    func writableStore(signing: Bool = true, warnings: (@Sendable (String) -> Void)? = nil) throws -> any IncidentEventStore {
        try storeLocation().openWritable(signer: signing ? headSigner(warnings: warnings ?? { Output.error("warning: \($0)") }) : nil)
    }

    /// The store for a command that changes an incident which must already exist: a
    /// database file that is not there is refused, naming it, and nothing is created.
    func writableStore(forExisting incident: IncidentID, warnings: (@Sendable (String) -> Void)? = nil) throws -> any IncidentEventStore {
        try requireDatabase()
        return try writableStore(warnings: warnings)
    }

    /// Refuses, naming it, a database file that is not there: a command that
    /// changes an existing incident calls it before anything else (a mistyped
    /// `--db` is said as such, not as an unknown incident, and never created).
    func requireDatabase() throws {
        if case .file(let path) = try storeLocation(), !FileManager.default.fileExists(atPath: path) {
            throw StoreError.noDatabase(path: path)
        }
    }

    /// Where `databasePath` points: a SQLite file or a PostgreSQL server (a URL with a password is refused here).
    func storeLocation() throws -> IncidentStoreLocation {
        try IncidentStoreLocation(databasePath)
    }

    /// The operator's signer, with their key folder and their journal of signed heads for this database.
    func headSigner(warnings: @escaping @Sendable (String) -> Void) throws -> HeadSigner {
        let keys = SigningKeyFolder(path: SigningKeyFolder.defaultPath(environment: ProcessInfo.processInfo.environment))
        return HeadSigner(operatorName: try operatorIdentity(), keys: keys,
                          journal: SignedHeadJournal(path: SignedHeadJournal.path(forDatabase: databasePath, keyFolder: keys)),
                          warn: warnings)
    }

    /// The store for a command that only reads, opened read-only by the database
    /// itself; nil when there is no database yet (nothing is created by reading).
    func readOnlyStore() throws -> (any IncidentEventStore)? {
        try storeLocation().openReadOnly()
    }

    /// The read-only store, for a command about one incident: with no
    /// database yet, the incident is simply unknown.
    func readOnlyStore(for incident: IncidentID) throws -> any IncidentEventStore {
        guard let store = try readOnlyStore() else { throw StoreError.unknownIncident(incident) }
        return store
    }
}
