import Foundation

extension Theme {
    /// Parses theme text; `file` names the source in error messages.
    ///
    /// Each non-comment line is `role = [attributes] [foreground] [on background]`.
    /// Errors name the file and line: unknown role, bad colour, unknown word,
    /// a role set twice, a line without `=`.
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var styles: [StyleRole: Style] = [:]
        var seen: [StyleRole: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> ThemeError {
                ThemeError(file: file, line: lineNumber, message: message)
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected `role = style`, found '\(TextSanitizer.sanitize(line))'")
            }
            let roleName = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard let role = StyleRole(themeName: roleName) else {
                var message = "unknown role '\(TextSanitizer.sanitize(roleName))'"
                if let guess = closestRole(to: roleName) { message += " (did you mean '\(guess.rawValue)'?)" }
                throw fail(message)
            }
            if let first = seen[role] {
                throw fail("role '\(role.rawValue)' is already set on line \(first)")
            }
            let value = line[line.index(after: equals)...]
            do {
                styles[role] = try parseStyle(String(value))
            } catch let problem {
                throw fail(problem.message)
            }
            seen[role] = lineNumber
        }
        return Theme(name: name, styles: styles)
    }

    /// Loads the theme file at `url`; its name is the file name without `.theme`.
    public static func load(contentsOf url: URL) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError(file: url.path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        let name = url.deletingPathExtension().lastPathComponent
        return try parse(text, name: name, file: url.path)
    }

    struct StyleProblem: Error {
        let message: String
    }

    /// Parses the right-hand side of a theme line.
    static func parseStyle(_ text: String) throws(StyleProblem) -> Style {
        var style = Style()
        var foreground: Color?
        var background: Color?
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { throw StyleProblem(message: "missing style after '='") }
        var index = 0
        while index < words.count {
            let word = words[index]
            let lower = word.lowercased()
            index += 1
            if lower == "plain" || lower == "none" { continue }
            if let attribute = TextAttributes.themeWords.first(where: { $0.0 == lower })?.1 {
                style.attributes.insert(attribute)
                continue
            }
            if lower == "on" {
                guard index < words.count else { throw StyleProblem(message: "missing colour after 'on'") }
                guard background == nil else { throw StyleProblem(message: "two background colours") }
                background = try color(words[index])
                index += 1
                continue
            }
            guard foreground == nil else {
                throw StyleProblem(message: "unexpected '\(TextSanitizer.sanitize(word))' (foreground colour already given)")
            }
            foreground = try color(word)
        }
        style.foreground = foreground ?? .default
        style.background = background ?? .default
        return style
    }

    private static func color(_ word: String) throws(StyleProblem) -> Color {
        if let color = Color(themeWord: word) { return color }
        let shown = TextSanitizer.sanitize(word)
        let lower = word.lowercased()
        if lower.hasPrefix("#") {
            throw StyleProblem(message: "bad colour '\(shown)' (expected #rrggbb)")
        }
        if lower.hasPrefix("color") || lower.allSatisfy(\.isNumber) {
            throw StyleProblem(message: "bad colour '\(shown)' (a palette index is 0–255)")
        }
        throw StyleProblem(message: "bad colour '\(shown)' (expected default, a colour name, color0–color255 or #rrggbb; attributes are bold dim italic underline reverse)")
    }

    /// The known role nearest to a misspelt one, if reasonably near.
    static func closestRole(to name: String) -> StyleRole? {
        let scored = StyleRole.allCases.map { ($0, editDistance(Array(name), Array($0.rawValue))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 4) else { return nil }
        return best.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
