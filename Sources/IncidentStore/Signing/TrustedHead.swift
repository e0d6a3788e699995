import Crypto
import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// A head known from outside the database under review: a line of a signed
/// head journal, or one given on the command line. A chain that does not
/// hold it was cut short or rewritten; an incident that is missing was deleted.
public struct TrustedHead: Codable, Sendable, Equatable {
    public var incident: IncidentID
    public var seq: Int64
    public var headHash: String
    public var operatorName: String?
    public var fingerprint: String?
    public var signature: String?
    public var signedAt: Date?

    public init(incident: IncidentID, seq: Int64, headHash: String, operatorName: String? = nil, fingerprint: String? = nil,
                signature: String? = nil, signedAt: Date? = nil) {
        self.incident = incident
        self.seq = seq
        self.headHash = headHash
        self.operatorName = operatorName
        self.fingerprint = fingerprint
        self.signature = signature
        self.signedAt = signedAt
    }

    /// Who vouched for it, for messages: "alice signed" or "given".
    var source: String {
        operatorName.map { "\($0.terminalSafe) signed" } ?? "was given"
    }
}

/// The operator's own append-only file of the heads they signed, one JSON
/// line each, kept in their config folder (`…/firebreak/heads/`), one file per
/// database path. A copy handed to a reviewer (`verify --trusted-heads FILE`)
/// catches deleted tails and deleted incidents, which nothing inside the
/// database can.
public struct SignedHeadJournal: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `<config>/firebreak/heads/<database file name>-<hash of its absolute path>.heads`.
    public static func path(forDatabase database: String, keyFolder: SigningKeyFolder) -> String {
        let absolute = URL(fileURLWithPath: database).standardizedFileURL.path
        let name = URL(fileURLWithPath: absolute).lastPathComponent
        let stem = SigningKeyFolder.fileStem(name)
        let digest = SigningKeyFingerprint.hex(Array(SHA256Digest.of(absolute)).prefix(6))
        return (keyFolder.path as NSString).deletingLastPathComponent + "/heads/\(stem)-\(digest).heads"
    }

    func append(_ heads: [TrustedHead]) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_CREAT | O_APPEND | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SigningError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var text = Data()
        for head in heads { text += try Self.encoder.encode(head) + Data("\n".utf8) }
        // One write of whole lines with O_APPEND: concurrent writers never interleave within a line.
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(fd) == 0 else { throw SigningError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Reads a journal (or any file of such lines).
    public static func load(_ path: String) throws -> [TrustedHead] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SigningError("--trusted-heads \(path): cannot read it")
        }
        var heads: [TrustedHead] = []
        for (index, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let head = try? decoder.decode(TrustedHead.self, from: Data(line.utf8)) else {
                throw SigningError("\(path):\(index + 1): not a signed head line")
            }
            heads.append(head)
        }
        return heads
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

private enum SHA256Digest {
    static func of(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }
}
