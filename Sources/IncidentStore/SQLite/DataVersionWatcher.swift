import Foundation
import GRDB

/// Watches SQLite's `PRAGMA data_version` on a connection of its own.
///
/// The value changes when *another* connection commits, and it is per
/// connection, so the watcher keeps one dedicated read-only connection: the
/// store's own writes (on its writer connection) show up here like anyone else's.
final class DataVersionWatcher: StoreChangeWatcher, @unchecked Sendable {
    private let queue: DatabaseQueue
    private let path: String
    private let lock = NSLock()
    private var lastVersion: Int64?

    init(path: String) throws {
        self.path = path
        queue = try SQLiteIncidentStore.mappingErrors(path) {
            try DatabaseQueue(path: path, configuration: SQLiteIncidentStore.configuration(readOnly: true))
        }
    }

    func hasChanged() throws -> Bool {
        let version = try SQLiteIncidentStore.mappingErrors(path) {
            try queue.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
        return lock.withLock {
            defer { lastVersion = version }
            return lastVersion != version
        }
    }
}

extension SQLiteIncidentStore {
    public func changeWatcher() throws -> any StoreChangeWatcher {
        try DataVersionWatcher(path: openedPath)
    }
}
