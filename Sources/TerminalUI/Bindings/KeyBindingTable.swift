/// The one table of key bindings: the console resolves keys with it, and the
/// footer, the `?` overlay and docs/KEYBINDINGS.md are all rendered from it,
/// so they cannot disagree.
///
/// ```swift
/// let table = KeyBindingTable<Command, Scope, Requirement>([
///     KeyBinding(["q"], command: .quit, help: "Quit", scope: .global, footer: "quit"),
///     KeyBinding(["c"], command: .markContained, help: "Mark the selected resource contained",
///                scope: .resources, mutates: true, footer: "contained", requires: [.resourceSelected]),
/// ])
/// let active = readOnly ? table.readOnly() : table
/// if let binding = active.resolve(key, in: [.resources, .global]) { run(binding.command) }
/// ```
public struct KeyBindingTable<Command: Hashable & Sendable, Scope: Hashable & Sendable, Requirement: KeyBindingRequirement>: Hashable, Sendable {
    public typealias Binding = KeyBinding<Command, Scope, Requirement>

    /// All bindings, in declaration order (which is display order).
    public private(set) var bindings: [Binding]

    public init(_ bindings: [Binding]) {
        self.bindings = bindings
    }

    /// The binding `key` triggers where `scopes` apply, the first scope
    /// winning (a pane's own bindings before the global ones).
    public func resolve(_ key: Key, in scopes: [Scope]) -> Binding? {
        for scope in scopes {
            if let binding = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) { return binding }
        }
        return nil
    }

    /// The bindings of exactly `scope`, in declaration order.
    public func bindings(in scope: Scope) -> [Binding] {
        bindings.filter { $0.scope == scope }
    }

    /// What is available where `scopes` apply: the first scope's bindings,
    /// then each later scope's that an earlier one does not shadow.
    public func active(in scopes: [Scope]) -> [Binding] {
        var result: [Binding] = []
        var taken = Set<Key>()
        for scope in scopes {
            let own = bindings(in: scope)
            result += own.filter { binding in !binding.keys.allSatisfy(taken.contains) }
            taken.formUnion(own.flatMap(\.keys))
        }
        return result
    }

    /// Footer hints where `scopes` apply (bindings with a footer label); a
    /// binding `context` does not allow now is marked unavailable.
    public func footerHints(in scopes: [Scope], context: Requirement.Context) -> [KeyHint] {
        active(in: scopes).compactMap { binding in
            guard let label = binding.footer, let key = binding.keys.first else { return nil }
            return KeyHint(key: key.spelling, label: label, available: binding.disabledReason(in: context) == nil)
        }
    }

    /// The same table without the bindings that change anything, for
    /// read-only viewers and replay.
    public func readOnly() -> KeyBindingTable {
        KeyBindingTable(bindings.filter { !$0.mutates })
    }

    /// Every scope used, in order of first use.
    public var scopes: [Scope] {
        var result: [Scope] = []
        for binding in bindings where !result.contains(binding.scope) {
            result.append(binding.scope)
        }
        return result
    }

    /// Keys bound twice within one scope: each is a bug (the second binding
    /// can never fire). Pane bindings shadowing global ones are intended.
    public func conflicts() -> [(key: Key, scope: Scope, commands: [Command])] {
        var result: [(key: Key, scope: Scope, commands: [Command])] = []
        for scope in scopes {
            var owners: [Key: [Command]] = [:]
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
    /// False while the binding's requirements are not met: drawn dimmed.
    public var available: Bool

    public init(key: String, label: String, available: Bool = true) {
        self.key = key
        self.label = label
        self.available = available
    }
}
