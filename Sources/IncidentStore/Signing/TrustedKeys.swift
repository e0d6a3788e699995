import Crypto
import Foundation
import IncidentModel

/// The public keys a reviewer trusts, by operator: read from `.pub` files
/// (`firebreak-ed25519 BASE64 NAME`, one key a line) given to
/// `verify --trusted-keys FILE|DIR` — obtained from each operator, not from
/// the database under review.
public struct TrustedKeys: Sendable, Equatable {
    /// Operator name → the fingerprints of the keys trusted for them.
    public var fingerprints: [String: Set<String>]

    public init(fingerprints: [String: Set<String>] = [:]) {
        self.fingerprints = fingerprints
    }

    public var isEmpty: Bool { fingerprints.isEmpty }

    /// The line a public key file holds.
    public static func line(publicKey: Curve25519.Signing.PublicKey, operatorName: String) -> String {
        "firebreak-ed25519 \(publicKey.rawRepresentation.base64EncodedString()) \(operatorName)"
    }

    /// Reads a key file, or every `*.pub` file of a folder. Blank lines and `#` comments are skipped.
    public static func load(_ path: String) throws -> TrustedKeys {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SigningError("--trusted-keys \(path): no such file or folder")
        }
        let files: [String]
        if isFolder.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".pub") }.sorted()
                .map { path + "/" + $0 }
            if files.isEmpty { throw SigningError("--trusted-keys \(path): no .pub files in the folder") }
        } else {
            files = [path]
        }
        var keys = TrustedKeys()
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw SigningError("--trusted-keys \(file): cannot read it as text")
            }
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard fields.count == 3, fields[0] == "firebreak-ed25519", let data = Data(base64Encoded: fields[1]),
                      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: data) else {
                    throw SigningError("\(file):\(index + 1): not a key line (firebreak-ed25519 BASE64 NAME)")
                }
                keys.fingerprints[fields[2], default: []].insert(SigningKeyFingerprint.of(key))
            }
        }
        if keys.isEmpty { throw SigningError("--trusted-keys \(path): no keys in it") }
        return keys
    }
}
