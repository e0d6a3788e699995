import Foundation

/// Where each element of a top-level object's array member lies in the JSON
/// text, as byte ranges: a CloudTrail log file's `Records`, so each record's
/// SHA-256 is of its bytes as CloudTrail wrote them (re-encoding a parsed
/// record would change its key order, spacing and escapes).
///
/// Only well-formed JSON is scanned (`JSONSerialization` has read it first);
/// anything unexpected gives nil, and the caller does without the spans.
enum JSONElementSpans {
    /// The byte ranges of the elements of `key`'s array in the top-level object (the last such key, as the parser keeps it).
    static func elements(of key: String, in data: Data) -> [Range<Int>]? {
        let bytes = [UInt8](data)
        var scanner = Scanner(bytes: bytes)
        let name = Array(key.utf8)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var found: [Range<Int>]?
        scanner.skipSpace()
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipSpace()
            guard let keyRange = scanner.string() else { return nil }
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipSpace()
            if Array(bytes[keyRange.lowerBound + 1 ..< keyRange.upperBound - 1]) == name, scanner.peek == UInt8(ascii: "[") {
                guard let spans = scanner.arrayElements() else { return nil }
                found = spans
            } else {
                guard scanner.value() != nil else { return nil }
            }
            scanner.skipSpace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
            return found
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            at += 1
            return true
        }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { at += 1 }
        }

        /// A string, quotes included.
        mutating func string() -> Range<Int>? {
            let start = at
            guard take(UInt8(ascii: "\"")) else { return nil }
            while let byte = peek {
                at += 1
                if byte == UInt8(ascii: "\\") { at += 1 } else if byte == UInt8(ascii: "\"") { return start..<at }
            }
            return nil
        }

        /// The elements of the array starting here.
        mutating func arrayElements() -> [Range<Int>]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var spans: [Range<Int>] = []
            skipSpace()
            if take(UInt8(ascii: "]")) { return spans }
            while true {
                skipSpace()
                guard let span = value() else { return nil }
                spans.append(span)
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? spans : nil
            }
        }

        /// Any value: a string, an object or array (by depth, strings skipped whole), or a scalar.
        mutating func value() -> Range<Int>? {
            let start = at
            guard let first = peek else { return nil }
            if first == UInt8(ascii: "\"") { return string() }
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                var depth = 0
                while let byte = peek {
                    switch byte {
                    case UInt8(ascii: "\""): guard string() != nil else { return nil }; continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { at += 1; return start..<at }
                    default: break
                    }
                    at += 1
                }
                return nil
            }
            while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                  byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { at += 1 }
            return at > start ? start..<at : nil
        }
    }
}
