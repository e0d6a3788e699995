/// Finds secrets in `NAME=value`, `NAME: value` and `NAME<tab>value` text:
/// config files, environment dumps, query strings, YAML, error messages, and
/// JSON carried inside a string (`\"password\":\"…\"`). The name decides, as
/// for JSON keys (`SecretKeyName`); the value runs to the next space, quote or
/// `, ; & } ] < >`.
enum AssignmentScanner {
    static func ranges(in bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") || byte == 9 else { index += 1; continue }
            let separator = index
            index += 1
            // The name: back over blanks and an escaped quote, then name characters.
            var nameEnd = separator
            while nameEnd > 0, bytes[nameEnd - 1] == 32 || (bytes[nameEnd - 1] == 9 && byte != 9) { nameEnd -= 1 }
            if nameEnd >= 2, bytes[nameEnd - 1] == UInt8(ascii: "\""), bytes[nameEnd - 2] == UInt8(ascii: "\\") { nameEnd -= 2 }
            var nameStart = nameEnd
            while nameStart > 0, nameEnd - nameStart < 128, isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            guard nameEnd - nameStart >= 2 else { continue }
            // `arn:aws:secretsmanager:…:secret:NAME` is an ARN's parts, not `secret: NAME`.
            if byte == UInt8(ascii: ":"), nameStart > 0, bytes[nameStart - 1] == UInt8(ascii: ":") { continue }
            let kind = SecretKeyName.classify(UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
            guard kind != .plain else { continue }
            // The value: over blanks and an opening quote, escaped or not, then to its end.
            var valueStart = index
            while valueStart < count, bytes[valueStart] == 32 || bytes[valueStart] == 9 { valueStart += 1 }
            if valueStart + 1 < count, bytes[valueStart] == UInt8(ascii: "\\"), bytes[valueStart + 1] == UInt8(ascii: "\"") { valueStart += 2 }
            else if valueStart < count, bytes[valueStart] == UInt8(ascii: "\"") || bytes[valueStart] == UInt8(ascii: "'") { valueStart += 1 }
            var valueEnd = valueStart
            while valueEnd < count, !isValueEnd(bytes[valueEnd]) { valueEnd += 1 }
            guard valueEnd > valueStart else { continue }
            let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            if kind == .secret || RandomLookingValue.isRandom(value) {
                ranges.append(valueStart..<valueEnd)
                index = valueEnd
            }
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        SecretShapes.isWordByte(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isValueEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case 32, 9, 10, 13, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "&"),
             UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }
}
