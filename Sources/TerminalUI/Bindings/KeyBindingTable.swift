/// The one table of key bindings: the console resolves keys with it, and the
/// footer, the `?` overlay and docs/KEYBINDINGS.md are all rendered from it,
/// so they cannot disagree.
///
/// ```swift
/// let table = KeyBindingTable([
///     KeyBinding(["q"], command: "quit", help: "Quit", footer: "quit"),
///     KeyBinding(["c"], command: "resource.contain", help: "Contain the selected resource",
///                scope: .pane("resources"), mutates: true, footer: "contain"),
/// ])
/// let active = readOnly ? table.readOnly() : table
/// if let binding = active.resolve(key, in: "resources") { run(binding.command) }
/// ```
public struct KeyBindingTable: Hashable, Sendable {
    /// All bindings, in declaration order (which is display order).
    public private(set) var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The binding `key` triggers while `pane` has the focus: the pane's own
    /// bindings win over global ones. `pane == nil` looks at global only.
    public func resolve(_ key: Key, in pane: String?) -> KeyBinding? {
        if let pane, let binding = bindings.first(where: { $0.scope == .pane(pane) && $0.keys.contains(key) }) {
            return binding
        }
        return bindings.first { $0.scope == .global && $0.keys.contains(key) }
    }

    /// The bindings of exactly `scope`, in declaration order.
    public func bindings(in scope: BindingScope) -> [KeyBinding] {
        bindings.filter { $0.scope == scope }
    }

    /// What is available while `pane` has the focus: its bindings first, then
    /// the global ones it does not shadow.
    public func active(in pane: String?) -> [KeyBinding] {
        let local = pane.map { bindings(in: .pane($0)) } ?? []
        let taken = Set(local.flatMap(\.keys))
        let global = bindings(in: .global).filter { binding in !binding.keys.allSatisfy(taken.contains) }
        return local + global
    }

    /// Footer hints while `pane` has the focus (bindings with a footer label).
    public func footerHints(in pane: String?) -> [KeyHint] {
        active(in: pane).compactMap { binding in
            guard let label = binding.footer, let key = binding.keys.first else { return nil }
            return KeyHint(key: key.spelling, label: label)
        }
    }

    /// The same table without the bindings that change anything, for
    /// read-only viewers and replay.
    public func readOnly() -> KeyBindingTable {
        KeyBindingTable(bindings.filter { !$0.mutates })
    }

    /// Every scope used, global first then panes in order of first use.
    public var scopes: [BindingScope] {
        var result: [BindingScope] = []
        for binding in bindings where !result.contains(binding.scope) {
            result.append(binding.scope)
        }
        return result.filter { $0 == .global } + result.filter { $0 != .global }
    }

    /// Keys bound twice within one scope: each is a bug (the second binding
    /// can never fire). Pane bindings shadowing global ones are intended.
    public func conflicts() -> [(key: Key, scope: BindingScope, commands: [String])] {
        var result: [(key: Key, scope: BindingScope, commands: [String])] = []
        for scope in scopes {
            var owners: [Key: [String]] = [:]
            var order: [Key] = []
            for binding in bindings(in: scope) {
                for key in Set(binding.keys) {
                    if owners[key] == nil { order.append(key) }
                    owners[key, default: []].append(binding.command)
                }
            }
            for key in order where owners[key]!.count > 1 {
                result.append((key, scope, owners[key]!))
            }
        }
        return result
    }
}

/// A key and its footer label.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}
