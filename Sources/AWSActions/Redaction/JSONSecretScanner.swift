/// Finds the string values of JSON that are secrets by where they sit, in
/// one pass that needs no whole document: output cut short, or text around
/// the JSON, is read as far as it goes.
///
/// A value is a secret when its key names one (`SecretKeyName`), when it is
/// any value of a Lambda environment (`Environment.Variables`), the `value`
/// of an ECS, Batch or CodeBuild environment entry (`environment[].value`,
/// `environmentVariables[].value`), the `Value` of an SSM parameter whose
/// `Type` is `SecureString` (either order), or random-looking under a name
/// that hints at key material (`RandomLookingValue`).
///
/// Hand-written rather than `JSONSerialization` or a parser package: it must
/// read output cut short and text around JSON, keep the bytes it does not
/// replace exactly as they were, and give byte ranges to replace in place.
struct JSONSecretScanner {
    private struct Frame {
        var isObject: Bool
        /// The key the container sits under (through arrays), normalised.
        var containerKey: [UInt8]
        /// The key of the container around it.
        var outerKey: [UInt8]
        /// The current key inside an object, normalised, and what it names.
        var key: [UInt8] = []
        var keyKind: SecretKeyName = .plain
        var isSecureString = false
        var values: [Range<Int>] = []
        /// An array directly under a secret's name: every string in it is one.
        var secretArray = false
    }

    static func ranges(in bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        // A root object, so `"password": "…"` in an error message or a cut fragment is judged too.
        var stack: [Frame] = [Frame(isObject: true, containerKey: [], outerKey: [])]
        let count = bytes.count
        var index = 0
        func close(_ frame: Frame) {
            if frame.isSecureString { ranges.append(contentsOf: frame.values) }
        }
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                var end = start
                while end < count && bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                end = min(end, count)
                index = end + 1
                var next = index
                while next < count, bytes[next] == 32 || bytes[next] == 9 || bytes[next] == 10 || bytes[next] == 13 { next += 1 }
                if next < count && bytes[next] == UInt8(ascii: ":") {
                    let name = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    stack[stack.count - 1].key = normalised(name)
                    stack[stack.count - 1].keyKind = SecretKeyName.classify(name)
                    index = next + 1
                } else {
                    value(start..<end, in: &stack[stack.count - 1], bytes: bytes, into: &ranges)
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                let parent = stack[stack.count - 1]
                let containerKey = parent.isObject ? parent.key : parent.containerKey
                var frame = Frame(isObject: isObject, containerKey: containerKey, outerKey: parent.containerKey)
                frame.secretArray = !isObject && parent.isObject && parent.keyKind == .secret
                stack.append(frame)
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if stack.count > 1 { close(stack.removeLast()) }
                index += 1
            case UInt8(ascii: ","):
                if stack[stack.count - 1].isObject {
                    stack[stack.count - 1].key = []
                    stack[stack.count - 1].keyKind = .plain
                }
                index += 1
            default:
                index += 1
            }
        }
        // Cut short: containers never closed still decide.
        for frame in stack { close(frame) }
    }

    private static let variables = Array("variables".utf8), environment = Array("environment".utf8)
    private static let environmentVariables = Array("environmentvariables".utf8), valueKey = Array("value".utf8)
    private static let typeKey = Array("type".utf8), secureString = Array("SecureString".utf8)

    private static func value(_ range: Range<Int>, in frame: inout Frame, bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        guard !range.isEmpty else { return }
        guard frame.isObject else {
            if frame.secretArray { ranges.append(range) }
            return
        }
        switch frame.keyKind {
        case .secret:
            ranges.append(range); return
        case .hint:
            if RandomLookingValue.isRandom(UnsafeBufferPointer(rebasing: bytes[range])) { ranges.append(range); return }
        case .plain:
            break
        }
        if frame.containerKey == variables && frame.outerKey == environment { ranges.append(range); return }
        if frame.key == valueKey {
            if frame.containerKey == environment || frame.containerKey == environmentVariables { ranges.append(range); return }
            frame.values.append(range)
        } else if frame.key == typeKey, bytes[range].elementsEqual(secureString) {
            frame.isSecureString = true
        }
    }

    /// Lowercase letters and digits only: `Environment`, `environment` and `ENVIRONMENT` are one key.
    private static func normalised(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard name.count <= 64 else { return [] }
        var result: [UInt8] = []
        result.reserveCapacity(name.count)
        for byte in name {
            if byte >= 65 && byte <= 90 { result.append(byte + 32) } else if SecretShapes.isAlphanumeric(byte) { result.append(byte) }
        }
        return result
    }
}
