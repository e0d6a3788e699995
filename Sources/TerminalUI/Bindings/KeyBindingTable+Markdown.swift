extension KeyBindingTable {
    /// The table as a Markdown document (docs/KEYBINDINGS.md): one section a
    /// scope, one row a binding, with a column saying whether it is available
    /// in read-only mode.
    public func markdown(title: String = "Key bindings", introduction: String? = nil,
                         scopeTitles: [String: String] = [:]) -> String {
        var lines = ["# \(title)", ""]
        if let introduction {
            lines.append(introduction)
            lines.append("")
        }
        for scope in scopes {
            let heading: String
            switch scope {
            case .global: heading = scopeTitles["global"] ?? "Everywhere"
            case .pane(let name): heading = scopeTitles[name] ?? name
            }
            lines.append("## \(heading)")
            lines.append("")
            lines.append("| Keys | Action | Read-only |")
            lines.append("| --- | --- | --- |")
            for binding in bindings(in: scope) {
                let keys = binding.keys.map { "`\(Self.markdownCode($0.spelling))`" }.joined(separator: " ")
                let available = binding.mutates ? "no" : "yes"
                lines.append("| \(keys) | \(Self.markdownText(binding.help)) | \(available) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Inside a table cell a `|` ends the cell even in code spans.
    private static func markdownCode(_ text: String) -> String {
        text.map { $0 == "|" ? "\\|" : String($0) }.joined()
    }

    private static func markdownText(_ text: String) -> String {
        var result = ""
        for c in TextSanitizer.sanitize(text) {
            switch c {
            case "|", "*", "_", "`", "[", "]", "<", ">", "\\": result += "\\\(c)"
            default: result.append(c)
            }
        }
        return result
    }
}
