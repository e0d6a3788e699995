import Crypto
import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// Where an operator's Ed25519 signing keys live: a 0700 folder in the
/// user's config folder (`$XDG_CONFIG_HOME/firebreak/keys/`), one private key
/// file (0600) and one public key file per operator name.
///
/// A signature is only worth what the key's absence from the database is
/// worth: the private key never goes into the incident database.
public struct SigningKeyFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `$XDG_CONFIG_HOME/firebreak/keys`, else `~/.config/firebreak/keys`.
    public static func defaultPath(environment: [String: String]) -> String {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return configHome + "/firebreak/keys"
    }

    /// A file name for an operator: the name itself when it is plain, else a hash of it.
    static func fileStem(_ operatorName: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".unicodeScalars)
        let plain = operatorName.unicodeScalars.allSatisfy { allowed.contains($0) }
        if plain && !operatorName.isEmpty && !operatorName.hasPrefix(".") && operatorName.count <= 64 { return operatorName }
        return "operator-" + SigningKeyFingerprint.hex(Array(SHA256.hash(data: Data(operatorName.utf8))).prefix(12))
    }

    /// The private key file of an operator.
    public func privateKeyPath(for operatorName: String) -> String { path + "/" + Self.fileStem(operatorName) + ".key" }

    /// The public key file of an operator (`firebreak-ed25519 BASE64 NAME`), the one to hand to reviewers.
    public func publicKeyPath(for operatorName: String) -> String { path + "/" + Self.fileStem(operatorName) + ".pub" }

    /// The operator's key, created on first use (0600, in a 0700 folder).
    /// Refuses a key file that other users could read.
    public func key(for operatorName: String) throws -> Curve25519.Signing.PrivateKey {
        let keyPath = privateKeyPath(for: operatorName)
        if let existing = try load(keyPath) { return existing }
        try createFolder(path)
        let key = Curve25519.Signing.PrivateKey()
        // Written under a private name, then linked into place: two processes creating
        // the key at once both end up with the one that was linked first.
        let temporary = keyPath + ".new-\(getpid())"
        try write(key.rawRepresentation.base64EncodedString() + "\n", to: temporary, mode: 0o600)
        defer { unlink(temporary) }
        if link(temporary, keyPath) != 0 {
            guard errno == EEXIST, let winner = try load(keyPath) else {
                throw SigningError("cannot create the signing key \(keyPath): \(String(cString: strerror(errno)))")
            }
            return winner
        }
        let publicLine = TrustedKeys.line(publicKey: key.publicKey, operatorName: operatorName)
        let publicPath = publicKeyPath(for: operatorName)
        unlink(publicPath)
        try write(publicLine + "\n", to: publicPath, mode: 0o600)
        return key
    }

    private func load(_ keyPath: String) throws -> Curve25519.Signing.PrivateKey? {
        var info = stat()
        guard stat(keyPath, &info) == 0 else { return nil }
        if info.st_mode & 0o077 != 0 {
            throw SigningError("the signing key \(keyPath) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        guard let text = try? String(contentsOfFile: keyPath, encoding: .utf8),
              let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else {
            throw SigningError("the signing key \(keyPath) is not an Ed25519 key")
        }
        return key
    }

    private func createFolder(_ folder: String) throws {
        var info = stat()
        if stat(folder, &info) == 0 { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if parent != folder && !parent.isEmpty { try createFolder(parent) }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw SigningError("cannot create the key folder \(folder): \(String(cString: strerror(errno)))")
        }
    }

    private func write(_ text: String, to file: String, mode: mode_t) throws {
        let fd = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SigningError("cannot write \(file): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw SigningError("cannot write \(file): \(String(cString: strerror(errno)))")
        }
    }
}

/// A problem with a signing key, in one line.
public struct SigningError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description.terminalSafe }
}
