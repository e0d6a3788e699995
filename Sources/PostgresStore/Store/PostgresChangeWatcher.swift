import Foundation
import IncidentStore
import Logging
import NIOPosix
import PostgresNIO

/// Learns of every commit by any client through `LISTEN firebreak_changes`
/// on a connection of its own: the server pushes each notification as the
/// writer commits, so a look (`hasChanged`) reads a flag and costs no round
/// trip, and `waitForChange` wakes the moment one arrives.
///
/// When the connection drops (the server restarts, the network goes), each
/// look tries to connect again, waiting longer between tries (0.1 s doubling
/// to 5 s), and throws `reconnecting` meanwhile; once back it reports a change,
/// since commits made while it was away were not heard.
final class PostgresChangeWatcher: StoreChangeWatcher, @unchecked Sendable {
    private let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var nextAttempt = Date.distantPast
    private var backoff: TimeInterval = PostgresChangeWatcher.firstBackoff
    /// Set by the event loop on each notification; read and cleared by `hasChanged`.
    private let changed = ChangeFlag()
    private static let logger = Logger(label: "firebreak.postgres.watch") { _ in SwiftLogNoOpLogHandler() }
    static let firstBackoff: TimeInterval = 0.1
    static let longestBackoff: TimeInterval = 5

    init(location: PostgresLocation) throws {
        self.location = location
        configuration = try location.connectionConfiguration()
        try lock.withLock { try connect() }
    }

    deinit {
        // Kept alive by the closure until it has closed (PostgresNIO asserts a connection is closed before it goes).
        if let connection { (connection.close() as EventLoopFuture<Void>).whenComplete { _ in _ = connection } }
    }

    func hasChanged() throws -> Bool {
        try lock.withLock {
            if connection?.isClosed ?? true {
                connection = nil
                guard Date() >= nextAttempt else { throw reconnecting }
                do {
                    try connect()
                    changed.set()
                    backoff = Self.firstBackoff
                } catch {
                    nextAttempt = Date().addingTimeInterval(backoff)
                    backoff = min(backoff * 2, Self.longestBackoff)
                    throw reconnecting
                }
            }
        }
        return changed.take()
    }

    func waitForChange(timeout: TimeInterval) throws -> Bool {
        let connected = lock.withLock { connection.map { !$0.isClosed } ?? false }
        // Away, nothing can arrive: wait out the timeout (the back-off decides when to try again).
        if connected { changed.wait(until: Date().addingTimeInterval(timeout)) } else { Thread.sleep(forTimeInterval: timeout) }
        return try hasChanged()
    }

    private var reconnecting: StoreError {
        .database(path: location.description, reason: "reconnecting: the connection to the server was lost")
    }

    private func connect() throws {
        let opened = try location.mappingErrors {
            try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                           id: 0, logger: Self.logger).wait()
        }
        let changed = self.changed
        opened.addListener(channel: PostgresSchema.changeChannel) { _, _ in changed.set() }
        // Queries run in order: once this answers, the LISTEN sent before it is in force.
        _ = try location.mappingErrors { try opened.query("SELECT 1", logger: Self.logger).wait() }
        connection = opened
    }
}

/// Whether a notification came since the last look; a waiter wakes when one does.
private final class ChangeFlag: @unchecked Sendable {
    private let condition = NSCondition()
    private var value = true

    func set() {
        condition.lock()
        value = true
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Bool {
        condition.lock()
        defer { value = false; condition.unlock() }
        return value
    }

    func wait(until deadline: Date) {
        condition.lock()
        while !value && condition.wait(until: deadline) {}
        condition.unlock()
    }
}

extension PostgresIncidentStore {
    public func changeWatcher() throws -> any StoreChangeWatcher {
        try PostgresChangeWatcher(location: location)
    }
}
