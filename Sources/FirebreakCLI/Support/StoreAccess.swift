import Foundation
import IncidentModel
import IncidentStore

extension GlobalOptions {
    /// The store for a command that changes something: created on first use.
    /// It signs heads at checkpoints and at close with the operator's key.
    /// `warnings`: where a head that could not be signed is reported (stderr
    /// by default; the console, which owns the terminal, passes its own).
    /// `signing: false` only for the hidden load generator (`stress-append`).
    func writableStore(signing: Bool = true, warnings: (@Sendable (String) -> Void)? = nil) throws -> any IncidentEventStore {
        try SQLiteIncidentStore(path: databasePath, mode: .readWrite,
                                signer: signing ? headSigner(warnings: warnings ?? { Output.error("warning: \($0)") }) : nil)
    }

    /// The operator's signer, with their key folder and their journal of signed heads for this database.
    func headSigner(warnings: @escaping @Sendable (String) -> Void) throws -> HeadSigner {
        let keys = SigningKeyFolder(path: SigningKeyFolder.defaultPath(environment: ProcessInfo.processInfo.environment))
        return HeadSigner(operatorName: try operatorIdentity(), keys: keys,
                          journal: SignedHeadJournal(path: SignedHeadJournal.path(forDatabase: databasePath, keyFolder: keys)),
                          warn: warnings)
    }

    /// The store for a command that only reads, opened read-only at the SQLite
    /// level; nil when there is no database yet (nothing is created by reading).
    func readOnlyStore() throws -> (any IncidentEventStore)? {
        do {
            return try SQLiteIncidentStore(path: databasePath, mode: .readOnly)
        } catch StoreError.noDatabase {
            return nil
        }
    }

    /// The read-only store, for a command about one incident: with no
    /// database yet, the incident is simply unknown.
    func readOnlyStore(for incident: IncidentID) throws -> any IncidentEventStore {
        guard let store = try readOnlyStore() else { throw StoreError.unknownIncident(incident) }
        return store
    }
}

/// Parses an `--at` value, refusing times well in the future (a typo, not a plan).
func parseEventTime(_ text: String?) throws -> Date? {
    guard let text else { return nil }
    let date = try Timestamp.parse(text)
    if date.timeIntervalSinceNow > 300 {
        throw IncidentError.invalidInput("--at \(text.terminalSafe) is in the future")
    }
    return date
}
