import IncidentModel

/// Finds the incident's resources in log lines: which resources a line
/// mentions, and the ranges to highlight.
///
/// Build one whenever the incident's resources change (it precompiles a
/// matcher), then ask it about each line. Matching is exact (AWS ids are
/// case-sensitive) and word-bounded: `i-0abc` does not match inside
/// `i-0abcd` or `xi-0abc`, and `10.0.0.1` does not match inside `10.0.0.12`
/// or `110.0.0.1`; `/`, `:`, quotes, spaces and the like end a word, so the
/// instance id inside an ARN or a JSON string is found. Where two names
/// overlap, the longer wins (an ARN over the id inside it).
///
/// Scanning is one pass over the line's UTF-8 with table lookups, and
/// allocates nothing unless a line does mention a resource.
///
/// ```swift
/// let linker = ResourceLinker(resources: state.resources)
/// linker.mentions(in: line.text)              // cheap yes/no, for the gutter
/// for match in linker.matches(in: line.text) {
///     highlight(match.range(in: line.text)); link(match.resourceID)
/// }
/// ```
public struct ResourceLinker: Sendable {
    /// Names shorter than this are ignored: they would light up ordinary words.
    public static let minimumAliasLength = 3

    /// The ids of the resources the linker was built for, in order.
    public let resourceIDs: [String]

    private struct Alias: Sendable {
        var start: Int32
        var length: Int32
        var resource: Int32
        /// Bytes 2…5 of the alias (zero-padded) and which of them count, to
        /// reject most candidates with one comparison.
        var window: UInt32
        var windowMask: UInt32
        var needsLeftBoundary: Bool
        var needsRightBoundary: Bool
    }

    /// Every alias's bytes, back to back.
    private let bytes: [UInt8]
    /// Aliases grouped by their first two bytes, longest first within a group.
    private let aliases: [Alias]
    /// `aliases[groupStart[k]..<groupStart[k + 1]]` start with the two bytes `k`.
    private let groupStart: [Int32]
    /// Whether any alias starts with a byte.
    private let isFirstByte: [Bool]

    /// A linker for `resources`.
    public init(resources: some Collection<Resource>) {
        self.init(names: resources.map { ($0.id, Self.aliases(of: $0)) })
    }

    /// A linker for resources given by id and the names to look for.
    public init(names: [(resourceID: String, aliases: [String])]) {
        resourceIDs = names.map(\.resourceID)
        var bytes: [UInt8] = []
        var collected: [(key: Int, alias: Alias)] = []
        var isFirstByte = [Bool](repeating: false, count: 256)
        for (resourceIndex, entry) in names.enumerated() {
            var seen = Set<String>()
            // In the order given, so that equal names resolve the same way every time.
            for alias in entry.aliases where alias.utf8.count >= Self.minimumAliasLength && seen.insert(alias).inserted {
                let utf8 = Array(alias.utf8)
                var window: UInt32 = 0
                var mask: UInt32 = 0
                for offset in 0..<4 where offset + 2 < utf8.count {
                    window |= UInt32(utf8[offset + 2]) << (8 * offset)
                    mask |= 0xFF << (8 * offset)
                }
                let item = Alias(start: Int32(bytes.count), length: Int32(utf8.count), resource: Int32(resourceIndex),
                                 window: window, windowMask: mask,
                                 needsLeftBoundary: Self.isWordByte(utf8.first!),
                                 needsRightBoundary: Self.isWordByte(utf8.last!))
                bytes.append(contentsOf: utf8)
                isFirstByte[Int(utf8[0])] = true
                collected.append((Int(utf8[0]) << 8 | Int(utf8[1]), item))
            }
        }
        collected.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.alias.length != rhs.alias.length { return lhs.alias.length > rhs.alias.length }
            return lhs.alias.start < rhs.alias.start
        }
        var groupStart = [Int32](repeating: 0, count: 65_537)
        for entry in collected { groupStart[entry.key + 1] += 1 }
        for key in 0..<65_536 { groupStart[key + 1] += groupStart[key] }
        self.bytes = bytes
        aliases = collected.map(\.alias)
        self.groupStart = groupStart
        self.isFirstByte = isFirstByte
    }

    /// True when the linker looks for nothing.
    public var isEmpty: Bool { aliases.isEmpty }

    /// Whether the linker was built for exactly these resources (by id, in
    /// order), so the pane knows when to build a new one.
    public func isBuilt(for resources: some Collection<Resource>) -> Bool {
        resources.count == resourceIDs.count && zip(resources, resourceIDs).allSatisfy { $0.id == $1 }
    }

    /// Whether `text` names any resource.
    public func mentions(in text: String) -> Bool {
        var found = false
        forEachMatch(in: text) { _ in
            found = true
            return false
        }
        return found
    }

    /// Every place `text` names a resource, in order, never overlapping.
    public func matches(in text: String) -> [ResourceMatch] {
        var result: [ResourceMatch] = []
        forEachMatch(in: text) { match in
            result.append(match)
            return true
        }
        return result
    }

    /// The ids of the resources `text` names, each once, in order of first mention.
    public func resourceIDs(mentionedIn text: String) -> [String] {
        var result: [String] = []
        forEachMatch(in: text) { match in
            if !result.contains(match.resourceID) { result.append(match.resourceID) }
            return true
        }
        return result
    }

    /// Calls `body` for each match in order until it returns false.
    public func forEachMatch(in text: String, _ body: (ResourceMatch) -> Bool) {
        guard !aliases.isEmpty else { return }
        var text = text
        text.withUTF8 { scan($0, body) }
    }

    private func scan(_ line: UnsafeBufferPointer<UInt8>, _ body: (ResourceMatch) -> Bool) {
        let count = line.count
        guard count >= Self.minimumAliasLength else { return }
        bytes.withUnsafeBufferPointer { bytes in
            aliases.withUnsafeBufferPointer { aliases in
                groupStart.withUnsafeBufferPointer { groupStart in
                    isFirstByte.withUnsafeBufferPointer { isFirstByte in
                        var index = 0
                        let lastStart = count - Self.minimumAliasLength
                        scanning: while index <= lastStart {
                            let byte = line[index]
                            guard isFirstByte[Int(byte)] else { index += 1; continue }
                            let key = Int(byte) << 8 | Int(line[index + 1])
                            var candidate = Int(groupStart[key])
                            let end = Int(groupStart[key + 1])
                            guard candidate < end else { index += 1; continue }
                            let leftOK = Self.isBoundary(before: index, in: line)
                            var window: UInt32 = 0
                            for offset in 0..<4 where index + 2 + offset < count {
                                window |= UInt32(line[index + 2 + offset]) << (8 * offset)
                            }
                            while candidate < end {
                                let alias = aliases[candidate]
                                candidate += 1
                                let length = Int(alias.length)
                                guard length <= count - index,
                                      window & alias.windowMask == alias.window,
                                      leftOK || !alias.needsLeftBoundary else { continue }
                                let start = Int(alias.start)
                                var offset = 6
                                while offset < length, line[index + offset] == bytes[start + offset] { offset += 1 }
                                guard offset >= length,
                                      !alias.needsRightBoundary || Self.isBoundary(after: index + length, in: line) else { continue }
                                let match = ResourceMatch(resourceID: resourceIDs[Int(alias.resource)], utf8Range: index..<(index + length))
                                guard body(match) else { return }
                                index += length
                                continue scanning
                            }
                            index += 1
                        }
                    }
                }
            }
        }
    }

    /// Letters, digits, `-`, `_` and every non-ASCII byte continue a word.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), 0x80...0xFF:
            true
        default:
            false
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// A word may start at `index`: the byte before does not continue it. A
    /// dot with a digit before it continues a number (`1.10.0.0.1`).
    @inline(__always)
    private static func isBoundary(before index: Int, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return true }
        let previous = line[index - 1]
        if isWordByte(previous) { return false }
        if previous == UInt8(ascii: "."), index >= 2, isDigit(line[index - 2]) { return false }
        return true
    }

    /// A word may end at `index`: the byte there does not continue it. A dot
    /// followed by a digit continues a number (`10.0.0.1.5`, `10.0.0.12`),
    /// while a dot followed by a letter or nothing ends it
    /// (`bucket.s3.amazonaws.com`, "…on i-0abc.").
    @inline(__always)
    private static func isBoundary(after index: Int, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < line.count else { return true }
        let next = line[index]
        if isWordByte(next) { return false }
        if next == UInt8(ascii: "."), index + 1 < line.count, isDigit(line[index + 1]) { return false }
        return true
    }
}
