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
        case substring(String, ascii: ASCIINeedle?)
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
            matcher = .substring(lowered, ascii: ASCIINeedle(Array(lowered.utf8)))
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
        if case .substring(_, let ascii?) = matcher,
           let found = line.withPlainBytes({ ascii.firstMatch(in: $0, from: 0) != nil }) {
            return found
        }
        return matches(line.text)
    }

    /// The needle of a non-empty ASCII substring query, searched in a plain
    /// line's bytes; nil for any other query.
    var asciiNeedle: ASCIINeedle? {
        if case .substring(_, let ascii?) = matcher { return ascii }
        return nil
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
                    let upper = utf8.index(lower, offsetBy: ascii.bytes.count)
                    result.append(lower..<upper)
                    from = found + ascii.bytes.count
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
    private static func firstASCIIMatch(_ needle: ASCIINeedle, in text: String, from: Int) -> Int? {
        var text = text
        return text.withUTF8 { needle.firstMatch(in: $0, from: from) }
    }
}
