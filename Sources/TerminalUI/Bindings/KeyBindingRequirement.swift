/// Something a binding needs before it can run (a selection, an open
/// incident): when it is not met the key does nothing but say why, as
/// lazygit's `GetDisabledReason` does. The footer dims it, the help overlay
/// and the generated docs say when it is unavailable.
public protocol KeyBindingRequirement: Hashable, Sendable {
    /// What the requirement is checked against (the console's model).
    associatedtype Context
    /// Nil when met; else one line saying why the key cannot run now.
    func unmetReason(in context: Context) -> String?
    /// When the binding is unavailable, for the docs: "no resource is selected".
    var unavailableWhen: String { get }
}
