/// One declared user action: the keys that trigger it, the command the
/// console runs, what it needs before it can run, and the words shown in the
/// footer, help overlay and docs.
public struct KeyBinding<Command: Hashable & Sendable, Scope: Hashable & Sendable, Requirement: KeyBindingRequirement>: Hashable, Sendable {
    /// Keys that trigger the command (the first is the one shown in hints).
    public var keys: [Key]
    /// The console's command, a value of its own command type.
    public var command: Command
    /// One line for the help overlay and docs/KEYBINDINGS.md.
    public var help: String
    public var scope: Scope
    /// True when the command changes the incident (or runs an AWS action);
    /// read-only and replay modes drop these bindings.
    public var mutates: Bool
    /// Short label for the footer; nil keeps the binding out of the footer.
    public var footer: String?
    /// What must hold for the command to run, checked in order.
    public var requirements: [Requirement]

    public init(keys: [Key], command: Command, help: String, scope: Scope, mutates: Bool = false, footer: String? = nil,
                requires requirements: [Requirement] = []) {
        self.keys = keys
        self.command = command
        self.help = help
        self.scope = scope
        self.mutates = mutates
        self.footer = footer
        self.requirements = requirements
    }

    /// A binding written with key spellings, e.g. `["j", "<Down>"]`. Traps on
    /// a misspelt key: bindings are program data, checked by tests.
    public init(_ spellings: [String], command: Command, help: String, scope: Scope, mutates: Bool = false, footer: String? = nil,
                requires requirements: [Requirement] = []) {
        let keys = spellings.map { spelling -> Key in
            guard let key = Key(spelling: spelling) else { preconditionFailure("unknown key spelling '\(spelling)'") }
            return key
        }
        self.init(keys: keys, command: command, help: help, scope: scope, mutates: mutates, footer: footer, requires: requirements)
    }

    /// The keys as shown to people: `j/<Down>`.
    public var keysText: String { keys.map(\.spelling).joined(separator: "/") }

    /// Why the command cannot run in `context` now (the first unmet requirement), or nil when it can.
    public func disabledReason(in context: Requirement.Context) -> String? {
        for requirement in requirements {
            if let reason = requirement.unmetReason(in: context) { return reason }
        }
        return nil
    }

    /// When it is unavailable, in words: "no resource is selected, or …"; nil when always available.
    public var unavailableWhen: String? {
        requirements.isEmpty ? nil : requirements.map(\.unavailableWhen).joined(separator: ", or ")
    }
}
