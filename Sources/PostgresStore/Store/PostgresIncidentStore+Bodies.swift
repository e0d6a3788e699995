import Crypto
import Foundation
import IncidentModel
import IncidentStore

extension PostgresIncidentStore {
    public func keepBody(_ data: Data) throws -> StoredBody {
        let body = StoredBody(sha256: Self.sha256(data), bytes: data.count)
        try write { connection in
            try self.session.rows(connection, "INSERT INTO bodies (sha256, bytes) VALUES (\(body.sha256), \(data)) ON CONFLICT (sha256) DO NOTHING")
        }
        return body
    }

    public func body(sha256: String) throws -> Data? {
        try read { connection in
            try self.session.rows(connection, "SELECT bytes FROM bodies WHERE sha256 = \(sha256)").first?.decode(Data.self)
        }
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
