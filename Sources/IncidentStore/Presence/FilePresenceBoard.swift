import Foundation
import IncidentModel

/// Presence as one small JSON file per console in a folder beside the
/// database (`firebreak.db.presence/`, mode 0700). A console rewrites its
/// file every few seconds; a file whose heartbeat is stale — a console that
/// died — is ignored and removed by the next reader.
public final class FilePresenceBoard: PresenceBoard {
    public let folder: URL

    public init(databasePath: String) {
        folder = URL(fileURLWithPath: databasePath + ".presence")
    }

    private func file(for session: String) -> URL {
        let safe = session.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        return folder.appendingPathComponent(String(safe) + ".json")
    }

    public func announce(_ presence: Presence) throws {
        if !FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        // Written whole then renamed, so a reader never sees half a file.
        let url = file(for: presence.session)
        try encoder.encode(presence).write(to: url, options: [.atomic])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    public func withdraw(session: String) {
        try? FileManager.default.removeItem(at: file(for: session))
    }

    public func present(on incident: IncidentID, freshness: TimeInterval) -> [Presence] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        let now = Date()
        var present: [Presence] = []
        for name in names where name.hasSuffix(".json") {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let presence = try? decoder.decode(Presence.self, from: data) else { continue }
            if now.timeIntervalSince(presence.heartbeatAt) > freshness * 4 {
                try? FileManager.default.removeItem(at: url)      // long dead: tidy up
                continue
            }
            if presence.incident == incident, now.timeIntervalSince(presence.heartbeatAt) <= freshness {
                present.append(presence)
            }
        }
        return present.sorted { ($0.operatorName, $0.session) < ($1.operatorName, $1.session) }
    }
}
