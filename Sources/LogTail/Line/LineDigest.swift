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
    init(hashing bytes: some DataProtocol) {
        self.init(SHA256.hash(data: bytes))
    }

    /// A digest from its 32 bytes.
    init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 is 32 bytes")
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
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

extension LineDigest {
    /// A digest from its 64 lowercase or uppercase hex digits.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes: bytes)
    }
}
