import Foundation
import IncidentModel
import IncidentStore
#if canImport(Glibc)
import Glibc
#endif

/// Copies one incident, chain and bodies and kept log lines, between any two
/// stores: a reviewer's SQLite file from a server, a server's copy of a file.
/// The copy keeps the incident's number and every recorded byte, so it
/// verifies with the original's head.
public enum IncidentCopy {
    /// Copies `incident` from `source` to `target`: a new SQLite file (never over an
    /// existing one, self-contained, no -wal) or a store that does not have it yet.
    public static func copy(_ incident: IncidentID, from source: any IncidentEventStore,
                            to target: IncidentStoreLocation) throws -> ChainVerification {
        switch target {
        case .file(let path):
            if FileManager.default.fileExists(atPath: path) {
                throw StoreError.cannotCreate(path: path, reason: "it already exists; nothing was written")
            }
            if let file = source as? SQLiteIncidentStore { return try file.export(incident, to: path) }
            // Into a scratch database beside the target, then the file export's own
            // snapshot, verification and link into place, so a half copy is never left there.
            let record = try IncidentRecord.read(incident, from: source)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var template = Array((folder + "/.firebreak-copy.XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            let scratch = String(cString: made)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let store = try SQLiteIncidentStore(path: scratch + "/copy.db")
            let copied = try store.importIncident(record)
            let exported = try store.export(incident, to: path)
            guard exported.headHash == copied.headHash else {
                throw StoreError.database(path: path, reason: "the copy did not keep the original's head")
            }
            return exported
        case .server:
            let record = try IncidentRecord.read(incident, from: source)
            guard let store = try target.openWritable(signer: nil) as? any IncidentRecordImporting else {
                throw StoreError.database(path: target.description, reason: "this store cannot take a copied incident")
            }
            return try store.importIncident(record)
        }
    }

    /// Copies `incident` from `source` into `store`.
    public static func copy(_ incident: IncidentID, from source: any IncidentEventStore,
                            into store: any IncidentEventStore, named target: String) throws -> ChainVerification {
        guard let importing = store as? any IncidentRecordImporting else {
            throw StoreError.database(path: target, reason: "this store cannot take a copied incident")
        }
        return try importing.importIncident(try IncidentRecord.read(incident, from: source))
    }
}
