import Foundation
import IncidentStore
import NIOSSL
import PostgresNIO

extension PostgresLocation {
    /// PostgresNIO's configuration: the password looked up now (never kept
    /// anywhere else), TLS as `sslmode` says.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: PostgresPassword.lookUp(for: self), database: database,
            tls: try tls())
        configuration.options.connectTimeout = .seconds(10)
        if sslMode == .verifyFull, !Self.isIPAddress(host) { configuration.options.tlsServerName = host }
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let rootCertificate, sslMode == .verifyCA || sslMode == .verifyFull {
            tls.trustRoots = .file(rootCertificate)
        }
        let context = try mappingErrors { try NIOSSLContext(configuration: tls) }
        return sslMode == .allow || sslMode == .prefer ? .prefer(context) : .require(context)
    }

    private static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// Turns PostgresNIO's and the server's errors into one line naming the database and the problem.
    /// `ifLost`: what a connection lost during `body` means for a change being written.
    func mappingErrors<T>(ifLost: LostConnection = .beforeCommit, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            throw storeError(error, ifLost: ifLost)
        } catch let error as NIOSSLError {
            throw StoreError.database(path: description, reason: "TLS: \(error)")
        } catch {
            throw StoreError.database(path: description, reason: "\(error)".terminalSafe)
        }
    }

    func storeError(_ error: PSQLError, ifLost: LostConnection = .beforeCommit) -> StoreError {
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = (info[.message] ?? "server error \(state)").terminalSafe
            switch state {
            // The server ended this session (shut down, restarted, or an administrator ended it).
            case "57P01", "57P02": return lost(ifLost)
            // Shutting down or starting up: it takes no new session.
            case "57P03": return .database(path: description, reason: "cannot connect, nothing was written (\(message))")
            case "25006", "42501": return .readOnly(path: description)
            case "40P01", "55P03", "40001": return .busy(path: description)
            case "53100": return .diskFull(path: description)
            case "28P01", "28000": return .database(path: description, reason: "authentication failed (\(message)); the password comes from PGPASSWORD, PGPASSFILE or ~/.pgpass")
            case "3D000": return .noDatabase(path: description)
            default: return .database(path: description, reason: message)
            }
        }
        switch error.code {
        case .connectionError where error.underlying is NIOSSLError:
            return .database(path: description, reason: "TLS: the handshake with the server failed (sslmode=\(sslMode.rawValue): is its certificate signed by sslrootcert, for this host?), nothing was written (\("\(error.underlying!)".terminalSafe))")
        case .connectionError:
            let underlying = error.underlying.map { "\($0)".terminalSafe } ?? "no answer"
            // What it means for the responder first: the footer may cut the rest.
            return .database(path: description, reason: "cannot connect, nothing was written (\(underlying))")
        case .serverClosedConnection, .clientClosedConnection:
            return lost(ifLost)
        case .sslUnsupported:
            return .database(path: description, reason: "the server does not offer TLS, which sslmode=\(sslMode.rawValue) requires")
        default:
            return .database(path: description, reason: "\(error.code)".terminalSafe)
        }
    }

    /// The one line for a connection lost under a statement: what it means for a change being written first (the footer may cut the rest).
    func lost(_ when: LostConnection) -> StoreError {
        switch when {
        case .beforeCommit:
            return .database(path: description, reason: "the connection to the server was lost before anything was committed: nothing was written, it is safe to try again")
        case .awaitingCommit:
            return .database(path: description, reason: "the connection to the server was lost while committing: the change may have been committed; look with `firebreak events INC-…` before trying again")
        }
    }
}
