import Foundation
import IncidentModel
import IncidentStore
import PostgresStore
import Testing
import FirebreakTestSupport

/// One server with `ssl=on` and a certificate signed by a CA made for it (openssl), for the suite.
private let tlsServer = Result { try PostgresServer.dedicated(tls: true) }

@Suite("TLS to the server: sslmode=require and verify-full", .serialized)
struct PostgresTLSTests {
    /// Whether the server sees a TLS session from a client on `database` now.
    static func encryptedSessions(on server: PostgresServer, database: String) throws -> Int {
        Int(try server.psql(database: "postgres", """
            SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE ssl AND datname = '\(database)'
            """).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func requireEncryptsAndVerifyFullChecksTheCertificateAgainstTheCA() throws {
        let server = try tlsServer.get()
        for sslmode in ["require", "verify-full"] {
            let (name, _) = try server.createDatabase()
            let url = server.url(database: name, sslmode: sslmode) + (sslmode == "verify-full" ? "&sslrootcert=\(server.caFile)" : "")
            let store = try IncidentStoreLocation(url).openWritable(signer: nil)
            let id = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
            try store.append(to: id, actor: "alice", at: nil) { _ in [.noteAdded(NoteAdded(text: "over TLS"))] }
            #expect(try store.events(of: id, since: 0).count == 2, "\(sslmode)")
            #expect(try Self.encryptedSessions(on: server, database: name) >= 1, "\(sslmode): the server saw no TLS session")
        }
    }

    @Test func verifyFullRefusesAServerItsCADidNotSign() throws {
        let server = try tlsServer.get()
        let folder = try TemporaryFolder()
        let (name, _) = try server.createDatabase()
        let url = server.url(database: name, sslmode: "verify-full") + "&sslrootcert=\(try PostgresServer.unrelatedCA(in: folder.url.path))"
        #expect {
            _ = try IncidentStoreLocation(url).openWritable(signer: nil)
        } throws: { error in
            let line = "\(error)"
            return !line.contains("\n") && line.contains("TLS: the handshake with the server failed") && line.contains("CERTIFICATE_VERIFY_FAILED")
        }
        #expect(try server.psql(database: name, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func requireAgainstAServerWithoutTLSIsRefusedInOneLine() throws {
        let (name, _) = try PostgresServer.shared().createDatabase()
        let url = try PostgresServer.shared().url(database: name, sslmode: "require")
        #expect {
            _ = try IncidentStoreLocation(url).openWritable(signer: nil)
        } throws: { error in
            let line = "\(error)"
            return !line.contains("\n") && line.contains("does not offer TLS")
        }
    }
}
