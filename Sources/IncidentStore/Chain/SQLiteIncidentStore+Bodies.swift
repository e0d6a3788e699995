import Crypto
import Foundation
import GRDB
import IncidentModel

extension SQLiteIncidentStore {
    public func keepBody(_ data: Data) throws -> StoredBody {
        let body = StoredBody(sha256: Self.sha256(data), bytes: data.count)
        try Self.mappingErrors(path) {
            try queue.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO bodies (sha256, bytes) VALUES (?, ?)", arguments: [body.sha256, data])
            }
        }
        return body
    }

    public func body(sha256: String) throws -> Data? {
        try read { db in
            // A file from before bodies were kept (opened read-only, not upgraded) has none.
            guard try db.tableExists("bodies") else { return nil }
            return try Data.fetchOne(db, sql: "SELECT bytes FROM bodies WHERE sha256 = ?", arguments: [sha256])
        }
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Why a body an event refers to is not what the event says, or nil when it is.
    func bodyProblem(_ reference: StoredBody, _ db: Database) throws -> String? {
        guard try db.tableExists("bodies"),
              let data = try Data.fetchOne(db, sql: "SELECT bytes FROM bodies WHERE sha256 = ?", arguments: [reference.sha256]) else {
            return "the output it keeps by hash (body \(reference.sha256.prefix(12))…) is missing"
        }
        if data.count != reference.bytes || Self.sha256(data) != reference.sha256 {
            return "the output it keeps by hash (body \(reference.sha256.prefix(12))…) was altered"
        }
        return nil
    }
}
