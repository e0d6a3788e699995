import Foundation

/// Where each finding of a findings document sits, found in one pass over its
/// bytes without building the document, and which keys an object holds twice.
///
/// Parsing a whole 200 MB document at once held 5.2 GB of objects; with the
/// outline each finding is parsed on its own, so memory follows the largest
/// finding, not the file. A key given twice is refused because readers
/// disagree on it: one tool shows the first `Id`, another the last, and a
/// finding must mean one thing to Firebreak and to the person checking it.
///
/// The scan is iterative (a 100,000-deep document costs memory, not stack)
/// and checks structure only; each finding's bytes are then parsed in full.
struct FindingsOutline {
    /// The shape at the top of the document.
    enum Root: Equatable {
        /// `{…}`: its keys in order, and whether `"Findings"` is there and an array.
        case object(keys: [String], findings: FindingsValue)
        /// `[…]`: a bare array of findings.
        case array
    }

    enum FindingsValue: Equatable {
        case missing, notAnArray, array
    }

    var root: Root
    /// The byte range of each finding, in order.
    var elements: [Range<Int>] = []
    /// Finding index → why it cannot be used (a key given twice inside it).
    var elementProblems: [Int: String] = [:]
    /// A key given twice outside every finding.
    var documentProblem: String?

    struct Malformed: Error {
        var offset: Int
    }

    /// Outlines `bytes`; throws `Malformed` when they are not JSON in structure.
    static func scan(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> FindingsOutline {
        var scanner = Scanner(bytes: bytes)
        return try scanner.run()
    }
}

private struct Frame {
    var isObject: Bool
    /// The array whose elements are the findings.
    var isTarget = false
    var keys: Set<String> = []
    var rootKeys: [String] = []
    var key: String?
    var index = 0
    var elementStart: Int?
}

private enum Expect {
    case value, valueOrEnd, keyOrEnd, key, colon, commaOrEnd, end
}

private struct Scanner {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    var stack: [Frame] = []
    var expect = Expect.value
    var outline = FindingsOutline(root: .array)
    var rootKeys: [String] = []
    var findingsValue = FindingsOutline.FindingsValue.missing
    var rootIsObject = false

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func run() throws(FindingsOutline.Malformed) -> FindingsOutline {
        while true {
            skipWhitespace()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            switch expect {
            case .end:
                throw FindingsOutline.Malformed(offset: position)
            case .colon:
                guard byte == UInt8(ascii: ":") else { throw FindingsOutline.Malformed(offset: position) }
                position += 1
                expect = .value
            case .commaOrEnd:
                if byte == UInt8(ascii: ",") {
                    position += 1
                    expect = stack[stack.count - 1].isObject ? .key : .value
                } else {
                    try close(byte)
                }
            case .keyOrEnd, .key:
                if byte == UInt8(ascii: "}"), expect == .keyOrEnd {
                    try close(byte)
                    continue
                }
                guard byte == UInt8(ascii: "\"") else { throw FindingsOutline.Malformed(offset: position) }
                let key = try string()
                note(key: key)
                expect = .colon
            case .value, .valueOrEnd:
                if byte == UInt8(ascii: "]"), expect == .valueOrEnd {
                    try close(byte)
                    continue
                }
                try value(byte)
            }
        }
        guard expect == .end else { throw FindingsOutline.Malformed(offset: position) }
        outline.root = rootIsObject ? .object(keys: rootKeys, findings: findingsValue) : .array
        return outline
    }

    private mutating func value(_ byte: UInt8) throws(FindingsOutline.Malformed) {
        let start = position
        // A findings document is an object or an array; a bare scalar is not one.
        if stack.isEmpty, byte != UInt8(ascii: "{"), byte != UInt8(ascii: "[") { throw FindingsOutline.Malformed(offset: start) }
        if let top = stack.indices.last, stack[top].isTarget { stack[top].elementStart = start }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = byte == UInt8(ascii: "{")
            var frame = Frame(isObject: isObject)
            if stack.isEmpty {
                rootIsObject = isObject
                frame.isTarget = !isObject
            } else if stack.count == 1, rootIsObject, stack[0].key == "Findings" {
                frame.isTarget = !isObject
                findingsValue = isObject ? .notAnArray : .array
            }
            stack.append(frame)
            position += 1
            expect = isObject ? .keyOrEnd : .valueOrEnd
        case UInt8(ascii: "\""):
            _ = try string()
            scalarEnded()
        default:
            while position < bytes.count, !Self.endsScalar(bytes[position]) { position += 1 }
            guard position > start, Self.isScalar(UnsafeRawBufferPointer(rebasing: bytes[start..<position])) else {
                throw FindingsOutline.Malformed(offset: start)
            }
            scalarEnded()
        }
    }

    private mutating func scalarEnded() {
        if stack.count == 1, rootIsObject, stack[0].key == "Findings" { findingsValue = .notAnArray }
        valueEnded()
    }

    private mutating func close(_ byte: UInt8) throws(FindingsOutline.Malformed) {
        guard let top = stack.last, byte == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
            throw FindingsOutline.Malformed(offset: position)
        }
        if stack.count == 1, top.isObject { rootKeys = top.rootKeys }
        stack.removeLast()
        position += 1
        valueEnded()
    }

    /// A value just ended at `position`: if it was a finding, its range is known.
    private mutating func valueEnded() {
        guard let top = stack.indices.last else {
            expect = .end
            return
        }
        if stack[top].isTarget, let start = stack[top].elementStart {
            outline.elements.append(start..<position)
            stack[top].elementStart = nil
        }
        stack[top].index += 1
        expect = .commaOrEnd
    }

    private mutating func note(key: String) {
        let top = stack.count - 1
        if stack[top].keys.insert(key).inserted {
            if top == 0 { stack[top].rootKeys.append(key) }
        } else if let target = stack.firstIndex(where: \.isTarget), target < top {
            let finding = outline.elements.count
            if outline.elementProblems[finding] == nil {
                outline.elementProblems[finding] = "has the key \"\(key)\" twice" + path(from: target + 1, to: top)
            }
        } else if outline.documentProblem == nil {
            outline.documentProblem = "has the key \"\(key)\" twice" + path(from: 0, to: top)
        }
        stack[top].key = key
    }

    /// ` in Resource.InstanceDetails` for the objects between two depths.
    private func path(from lower: Int, to upper: Int) -> String {
        var parts: [String] = []
        for depth in lower..<upper {
            let frame = stack[depth]
            if frame.isObject, let key = frame.key { parts.append(parts.isEmpty ? key : ".\(key)") }
            if !frame.isObject { parts.append("[\(frame.index)]") }
        }
        return parts.isEmpty ? "" : " in " + parts.joined()
    }

    /// The string starting at `position` (an opening quote), escapes decoded, so
    /// `"Id"` and `"\u0049d"` are the same key.
    private mutating func string() throws(FindingsOutline.Malformed) -> String {
        let start = position
        position += 1
        var hasEscape = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                position += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                position += 1
                let raw = UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<(position - 1)])
                if !hasEscape { return String(decoding: raw, as: UTF8.self) }
                let quoted = Data(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
                guard let decoded = (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String else {
                    throw FindingsOutline.Malformed(offset: start)
                }
                return decoded
            }
            position += 1
        }
        throw FindingsOutline.Malformed(offset: start)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// `true`, `false`, `null` or something number-shaped (the finding's own parse checks numbers in full).
    private static func isScalar(_ token: UnsafeRawBufferPointer) -> Bool {
        if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || token.elementsEqual("null".utf8) { return true }
        return token.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || "+-.eE".utf8.contains($0) }
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"), UInt8(ascii: "\""),
             UInt8(ascii: "{"), UInt8(ascii: "["), 0x20, 0x09, 0x0A, 0x0D:
            return true
        default:
            return false
        }
    }
}
