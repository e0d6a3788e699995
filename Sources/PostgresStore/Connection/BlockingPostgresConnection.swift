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
/// reopened on the next call; a call that fails because it dropped says whether
/// anything may have been written (`LostConnection`): only a COMMIT sent without
/// an answer may have been, so every other loss is safe to retry.
final class BlockingPostgresConnection: @unchecked Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let readOnly: Bool
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// Set (under `lock`) while `inTransaction` runs the statements before its COMMIT: a loss then wrote nothing.
    private var inOpenTransaction = false
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
            inOpenTransaction = true
            defer { inOpenTransaction = false }
            try run(connection, consistentRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            do {
                let result = try body(connection)
                // A read-only transaction wrote nothing, whatever became of its COMMIT.
                try run(connection, "COMMIT", ifLost: consistentRead || readOnly ? .beforeCommit : .awaitingCommit)
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
        if readOnly { try run(opened, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", ifLost: .beforeCommit) }
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
    /// `ifLost`: what losing the connection under it means; by default, nothing written inside a
    /// transaction before its COMMIT, and perhaps written for a statement that commits by itself.
    @discardableResult
    func rows(_ connection: PostgresConnection, _ query: PostgresQuery, ifLost: LostConnection? = nil) throws -> [PostgresRow] {
        // Known dead: not sent at all. (PostgresNIO refuses it too, but only once its own state has caught up.)
        if connection.isClosed { throw location.lost(.beforeCommit) }
        return try location.mappingErrors(ifLost: ifLost ?? (inOpenTransaction ? .beforeCommit : .awaitingCommit)) {
            Array(try connection.query(query, logger: Self.logger).wait())
        }
    }

    /// Runs one statement written out in full (no values from outside).
    func run(_ connection: PostgresConnection, _ sql: String, ifLost: LostConnection? = nil) throws {
        try rows(connection, PostgresQuery(unsafeSQL: sql), ifLost: ifLost)
    }
}
