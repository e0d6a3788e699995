extension KeyBindingTable {
    /// The table as a Markdown document (docs/KEYBINDINGS.md): one section a
    /// scope (in `scopes` order, titled by `scopeTitle`), one row a binding,
    /// with when it is unavailable and whether read-only mode keeps it.
    public func markdown(title: String = "Key bindings", introduction: String? = nil, scopes order: [Scope]? = nil,
                         scopeTitle: (Scope) -> String) -> String {
        var lines = ["# \(title)", ""]
        if let introduction {
            lines.append(introduction)
            lines.append("")
        }
        for scope in order ?? scopes {
            lines.append("## \(scopeTitle(scope))")
            lines.append("")
            lines.append("| Keys | Action | Unavailable when | Read-only |")
            lines.append("| --- | --- | --- | --- |")
            for binding in bindings(in: scope) {
                let keys = binding.keys.map { "`\(Self.markdownCode($0.spelling))`" }.joined(separator: " ")
                let available = binding.mutates ? "no" : "yes"
                let unavailable = binding.unavailableWhen.map(Self.markdownText) ?? ""
                lines.append("| \(keys) | \(Self.markdownText(binding.help)) | \(unavailable) | \(available) |")
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
