import Foundation
import IncidentStore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// One PostgreSQL connection used from ordinary threads, one statement at a time.
///
/// The store's API is synchronous (the CLI's main thread, the console's store
/// worker), and PostgresNIO runs on SwiftNIO's event loops. Each call uses
/// PostgresNIO's `EventLoopFuture` API and waits on the future: the calling
/// thread sleeps (no busy-wait), no Swift concurrency task is involved (so no
/// cooperative thread is ever blocked), and NIO refuses a wait on an event loop
/// thread itself, the one way this could deadlock. A dropped connection is
/// reopened on the next call; a call that fails because it dropped says so.
final class BlockingPostgresConnection: @unchecked Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let readOnly: Bool
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private static let logger = Logger(label: "firebreak.postgres") { _ in SwiftLogNoOpLogHandler() }
    private static let ids = NIOLockedValueBox(0)

    init(location: PostgresLocation, readOnly: Bool) throws {
        self.location = location
        self.configuration = try location.connectionConfiguration()
        self.readOnly = readOnly
    }

    /// Runs `body` alone on this connection (other threads of this process wait), connected.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            let connection = try connected()
            do {
                return try body(connection)
            } catch {
                if connection.isClosed { self.connection = nil }
                throw error
            }
        }
    }

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    /// `consistentRead`: a read-only snapshot for every statement of `body` (REPEATABLE READ).
    func inTransaction<T>(consistentRead: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try run(connection, consistentRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            do {
                let result = try body(connection)
                try run(connection, "COMMIT")
                return result
            } catch {
                if !connection.isClosed { _ = try? run(connection, "ROLLBACK") }
                throw error
            }
        }
    }

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let id = Self.ids.withLockedValue { $0 += 1; return $0 }
        let opened = try location.mappingErrors {
            try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                           id: id, logger: Self.logger).wait()
        }
        // Every transaction of a reader is read-only on the server too: a wall display cannot write, whatever its role may do.
        if readOnly { try run(opened, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
        connection = opened
        return opened
    }

    func close() {
        lock.withLock {
            if let connection { try? (connection.close() as EventLoopFuture<Void>).wait() }
            connection = nil
        }
    }

    deinit {
        // Kept alive by the closure until it has closed (PostgresNIO asserts a connection is closed before it goes).
        if let connection { (connection.close() as EventLoopFuture<Void>).whenComplete { _ in _ = connection } }
    }

    // MARK: - Statements

    /// Runs one statement (its values bound, never spliced) and returns its rows.
    @discardableResult
    func rows(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> [PostgresRow] {
        try location.mappingErrors { Array(try connection.query(query, logger: Self.logger).wait()) }
    }

    /// Runs one statement written out in full (no values from outside).
    func run(_ connection: PostgresConnection, _ sql: String) throws {
        try rows(connection, PostgresQuery(unsafeSQL: sql))
    }
}
