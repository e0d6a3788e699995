import Foundation

/// What a `/` query looks for: a case-insensitive substring, or — written
/// `re:…` — a regular expression (`NSRegularExpression` syntax, case-sensitive
/// unless it says `(?i)`).
///
/// ```swift
/// let plain = try LogPattern("accessdenied")      // matches "AccessDenied"
/// let regex = try LogPattern("re:AKIA[0-9A-Z]{16}")
/// try LogPattern("re:(")                          // throws .invalidRegex, never crashes
/// regex.ranges(in: line.text)                     // what to highlight
/// ```
public struct LogPattern: Sendable {
    /// The query as typed.
    public let query: String
    private let matcher: Matcher

    private enum Matcher: @unchecked Sendable {
        /// Lower-cased needle; `ascii` when it is plain ASCII and can be
        /// compared byte by byte without Foundation.
        case substring(String, ascii: [UInt8]?)
        /// `NSRegularExpression` is immutable and documented as safe to use
        /// from several threads, hence the unchecked sendability.
        case regex(NSRegularExpression)
    }

    /// The prefix that makes a query a regular expression.
    public static let regexPrefix = "re:"

    /// Parses a query; an empty query is a pattern that matches everything.
    public init(_ query: String) throws(LogPatternError) {
        self.query = query
        if query.hasPrefix(Self.regexPrefix) {
            let source = String(query.dropFirst(Self.regexPrefix.count))
            guard !source.isEmpty else { throw .emptyRegex }
            do {
                matcher = .regex(try NSRegularExpression(pattern: source))
            } catch {
                throw .invalidRegex(pattern: source, reason: Self.diagnose(source))
            }
        } else {
            let lowered = query.lowercased()
            matcher = .substring(lowered, ascii: lowered.utf8.allSatisfy { $0 < 0x80 } ? Array(lowered.utf8) : nil)
        }
    }

    /// True when the query is a regular expression.
    public var isRegex: Bool {
        if case .regex = matcher { return true }
        return false
    }

    /// Whether `text` contains a match.
    public func matches(_ text: String) -> Bool {
        switch matcher {
        case .substring(let needle, let ascii):
            if needle.isEmpty { return true }
            if let ascii { return Self.firstASCIIMatch(ascii, in: text, from: 0) != nil }
            return text.range(of: needle, options: [.caseInsensitive]) != nil
        case .regex(let regex):
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// Whether the pattern matches `line`'s text. An ASCII substring is
    /// looked for in the raw bytes of a plain line (its text is its bytes),
    /// so most lines are filtered without their text being made.
    public func matches(_ line: LogLine) -> Bool {
        if case .substring(let needle, let ascii?) = matcher, !needle.isEmpty,
           let found = line.withPlainBytes({ bytes in ascii.withUnsafeBufferPointer { Self.firstASCIIMatch($0, in: bytes, from: 0) != nil } }) {
            return found
        }
        return matches(line.text)
    }

    /// Every non-overlapping, non-empty match in `text`, in order.
    public func ranges(in text: String) -> [Range<String.Index>] {
        switch matcher {
        case .substring(let needle, let ascii):
            guard !needle.isEmpty else { return [] }
            if let ascii {
                var result: [Range<String.Index>] = []
                var from = 0
                while let found = Self.firstASCIIMatch(ascii, in: text, from: from) {
                    let utf8 = text.utf8
                    let lower = utf8.index(utf8.startIndex, offsetBy: found)
                    let upper = utf8.index(lower, offsetBy: ascii.count)
                    result.append(lower..<upper)
                    from = found + ascii.count
                }
                return result
            }
            var result: [Range<String.Index>] = []
            var searchStart = text.startIndex
            while searchStart < text.endIndex,
                  let found = text.range(of: needle, options: [.caseInsensitive], range: searchStart..<text.endIndex) {
                if found.isEmpty { break }
                result.append(found)
                searchStart = found.upperBound
            }
            return result
        case .regex(let regex):
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                match.range.length > 0 ? Range(match.range, in: text) : nil
            }
        }
    }

    /// The UTF-8 offset of the first case-insensitive match of an ASCII,
    /// lower-cased needle at or after `from`. Non-ASCII bytes of the text
    /// never equal an ASCII needle byte, so a match always starts and ends on
    /// a character boundary.
    private static func firstASCIIMatch(_ needle: [UInt8], in text: String, from: Int) -> Int? {
        var text = text
        return text.withUTF8 { haystack -> Int? in
            needle.withUnsafeBufferPointer { firstASCIIMatch($0, in: haystack, from: from) }
        }
    }

    private static func firstASCIIMatch(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let last = haystack.count - needle.count
        guard from <= last else { return nil }
        let first = needle[0]
        var index = from
        while index <= last {
            if lower(haystack[index]) == first {
                var offset = 1
                while offset < needle.count, lower(haystack[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
