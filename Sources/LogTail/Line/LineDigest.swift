import Crypto
import Foundation

/// A SHA-256 held inline in the line (32 bytes, no heap allocation), because
/// Crypto's digest type is not `Sendable` and lines cross threads.
struct LineDigest: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    init(_ digest: SHA256Digest) {
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { target in
            digest.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
    }

    /// The hash of `bytes` in one go.
    init(hashing bytes: [UInt8]) {
        self.init(SHA256.hash(data: bytes))
    }

    var bytes: [UInt8] {
        withUnsafeBytes(of: words) { Array($0) }
    }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var result = [UInt8]()
        result.reserveCapacity(64)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func == (lhs: LineDigest, rhs: LineDigest) -> Bool { lhs.bytes == rhs.bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
