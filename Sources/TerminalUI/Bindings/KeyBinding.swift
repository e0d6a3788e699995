/// One declared user action: the keys that trigger it, the command the
/// console runs, and the words shown in the footer, help overlay and docs.
public struct KeyBinding: Hashable, Sendable {
    /// Keys that trigger the command (the first is the one shown in hints).
    public var keys: [Key]
    /// The console's command identifier, e.g. `"resource.contain"`.
    public var command: String
    /// One line for the help overlay and docs/KEYBINDINGS.md.
    public var help: String
    public var scope: BindingScope
    /// True when the command changes the incident (or runs an AWS action);
    /// read-only and replay modes drop these bindings.
    public var mutates: Bool
    /// Short label for the footer; nil keeps the binding out of the footer.
    public var footer: String?

    public init(keys: [Key], command: String, help: String, scope: BindingScope = .global,
                mutates: Bool = false, footer: String? = nil) {
        self.keys = keys
        self.command = command
        self.help = help
        self.scope = scope
        self.mutates = mutates
        self.footer = footer
    }

    /// A binding written with key spellings, e.g. `["j", "<Down>"]`. Traps on
    /// a misspelt key: bindings are program data, checked by tests.
    public init(_ spellings: [String], command: String, help: String, scope: BindingScope = .global,
                mutates: Bool = false, footer: String? = nil) {
        let keys = spellings.map { spelling -> Key in
            guard let key = Key(spelling: spelling) else { preconditionFailure("unknown key spelling '\(spelling)'") }
            return key
        }
        self.init(keys: keys, command: command, help: help, scope: scope, mutates: mutates, footer: footer)
    }

    /// The keys as shown to people: `j/<Down>`.
    public var keysText: String { keys.map(\.spelling).joined(separator: "/") }
}
