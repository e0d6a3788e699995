/// Secrets recognised by their shape wherever they stand, in JSON, text or
/// an error message: private key PEM blocks (to their end, or to the end of
/// the output when cut), GitHub tokens (`ghp_` `gho_` `ghs_` `ghu_` `ghr_`
/// `github_pat_`), Slack tokens (`xoxb-`…) and webhook URLs' secret path,
/// Stripe keys (`sk_live_`…), Google API keys (`AIza`…), JWTs, the password in
/// `scheme://user:password@host`, AWS session tokens, and bare AWS secret
/// access keys (40 characters of base64 mixing capitals, lowercase and digits).
enum SecretShapes {
    static func ranges(in bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "-"):
                if let end = privateKey(bytes, at: index) { ranges.append(index..<end); index = end; continue }
            case UInt8(ascii: "g"):
                if boundary(bytes, before: index) {
                    if has(bytes, "github_pat_", at: index) {
                        let end = run(bytes, from: index + 11, where: isWordByte)
                        if end - index - 11 >= 20 { ranges.append(index..<end); index = end; continue }
                    } else if has(bytes, "gh", at: index), index + 3 < count, "pousr".utf8.contains(bytes[index + 2]), bytes[index + 3] == UInt8(ascii: "_") {
                        let end = run(bytes, from: index + 4, where: isAlphanumeric)
                        if end - index - 4 >= 30 { ranges.append(index..<end); index = end; continue }
                    }
                }
            case UInt8(ascii: "x"):
                if boundary(bytes, before: index), has(bytes, "xox", at: index), index + 4 < count,
                   "abposre".utf8.contains(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: "-") {
                    let end = run(bytes, from: index + 5) { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
                    if end - index - 5 >= 10 { ranges.append(index..<end); index = end; continue }
                }
            case UInt8(ascii: "h"):
                if has(bytes, "hooks.slack.com/", at: index) {
                    let start = index + 16
                    let end = run(bytes, from: start) { isWordByte($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
                    if end - start >= 10 { ranges.append(start..<end); index = end; continue }
                }
            case UInt8(ascii: "s"), UInt8(ascii: "r"):
                if boundary(bytes, before: index), has(bytes, "k_live_", at: index + 1) || has(bytes, "k_test_", at: index + 1) {
                    let end = run(bytes, from: index + 8, where: isAlphanumeric)
                    if end - index - 8 >= 16 { ranges.append(index..<end); index = end; continue }
                }
            case UInt8(ascii: "A"):
                if boundary(bytes, before: index), has(bytes, "AIza", at: index) {
                    let end = run(bytes, from: index + 4) { isWordByte($0) || $0 == UInt8(ascii: "-") }
                    if end - index - 4 >= 30 { ranges.append(index..<end); index = end; continue }
                }
            case UInt8(ascii: "e"):
                if boundary(bytes, before: index), has(bytes, "eyJ", at: index), let end = jwt(bytes, at: index) {
                    ranges.append(index..<end); index = end; continue
                }
            case UInt8(ascii: ":"):
                if has(bytes, "://", at: index), let password = urlPassword(bytes, after: index + 3) {
                    ranges.append(password); index = password.upperBound; continue
                }
            default:
                break
            }
            index += 1
        }
        base64Runs(bytes, into: &ranges)
    }

    /// Bare AWS secret access keys and session tokens: runs of standard base64.
    private static func base64Runs(_ bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        let count = bytes.count
        var index = 0
        while index < count {
            guard isBase64(bytes[index]) else { index += 1; continue }
            let start = index
            while index < count && isBase64(bytes[index]) { index += 1 }
            let length = index - start
            // Part of a longer base64url or word token (`_`, `-`): not one of these.
            let joined = (start > 0 && isJoiner(bytes[start - 1])) || (index < count && isJoiner(bytes[index]))
            guard !joined else { continue }
            let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if length == 40, RandomLookingValue.isRandom(token), RandomLookingValue.bitsPerCharacter(histogram(token), total: 40) >= 4.0 {
                ranges.append(start..<index)
            } else if length >= 100, sessionTokenMarkers.contains(where: { marker in has(bytes, marker, in: start..<min(start + 24, index)) }) {
                ranges.append(start..<index)
            }
        }
    }

    /// Base64 of the words every STS session token starts with (`…er/aws`, `…origin`).
    static let sessionTokenMarkers = ["ZXIvYXdz", "b3JpZ2lu"]

    private static func privateKey(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard has(bytes, "-----BEGIN ", at: index) else { return nil }
        let lineEnd = min(bytes.count, index + 80)
        guard let header = find(bytes, "PRIVATE KEY-----", in: index + 11..<lineEnd) else { return nil }
        guard let end = find(bytes, "-----END ", in: header..<bytes.count) else { return bytes.count }
        guard let close = find(bytes, "-----", in: end + 9..<min(bytes.count, end + 80)) else { return bytes.count }
        return close + 5
    }

    private static func jwt(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let isPart: (UInt8) -> Bool = { isWordByte($0) || $0 == UInt8(ascii: "-") }
        let header = run(bytes, from: index, where: isPart)
        guard header - index >= 10, header < bytes.count, bytes[header] == UInt8(ascii: ".") else { return nil }
        let payload = run(bytes, from: header + 1, where: isPart)
        guard payload - header - 1 >= 10, payload < bytes.count, bytes[payload] == UInt8(ascii: ".") else { return nil }
        let signature = run(bytes, from: payload + 1, where: isPart)
        return signature - payload - 1 >= 16 ? signature : nil
    }

    /// The password of `user:password@` right after `://`.
    private static func urlPassword(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Range<Int>? {
        var colon: Int?
        var index = start
        let limit = min(bytes.count, start + 512)
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: "@"):
                guard let colon, colon > start, index > colon + 1 else { return nil }
                return colon + 1..<index
            case UInt8(ascii: ":"):
                if colon == nil { colon = index }
            case UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
                 UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                return nil
            default:
                break
            }
            index += 1
        }
        return nil
    }

    // MARK: - Bytes

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    static func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }

    static func isBase64(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == 43 || byte == 47 || byte == 61 }

    private static func isJoiner(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") }

    /// True when the token starting at `index` is not the tail of a longer word.
    static func boundary(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        index == 0 || !isWordByte(bytes[index - 1])
    }

    static func run(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, where matches: (UInt8) -> Bool) -> Int {
        var index = start
        while index < bytes.count && matches(bytes[index]) { index += 1 }
        return index
    }

    static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index >= 0, index + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    private static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String, in range: Range<Int>) -> Bool {
        find(bytes, literal, in: range) != nil
    }

    /// Where `literal` starts inside `range`, if it does.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String, in range: Range<Int>) -> Int? {
        let needle = Array(literal.utf8)
        guard !needle.isEmpty, range.count >= needle.count else { return nil }
        var index = range.lowerBound
        while index + needle.count <= range.upperBound {
            if bytes[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { matched = false; break }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private static func histogram(_ token: UnsafeBufferPointer<UInt8>) -> [Int] {
        var counts = [Int](repeating: 0, count: 128)
        for byte in token where byte < 128 { counts[Int(byte)] += 1 }
        return counts
    }
}
