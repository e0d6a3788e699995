import Foundation

/// Multi-line text (a summary, a note, a follow-up) split the way people
/// wrote it: paragraphs parted by blank lines, each a list of its lines,
/// for the HTML and Markdown reports to render as paragraphs and line breaks.
enum TextBlocks {
    /// Paragraphs of non-empty lines; `\r\n` and `\r` count as line breaks,
    /// tabs become spaces, and whitespace-only lines part paragraphs.
    static func paragraphs(_ text: String) -> [[String]] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\t", with: " ")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [[String]] = [], current: [String] = []
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { blocks.append(current); current = [] }
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }
}
