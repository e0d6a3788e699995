import Foundation
import IncidentModel

/// Every action Firebreak knows: the built-in definitions plus the user's,
/// each checked at load.
///
/// ```swift
/// let catalog = try ActionCatalog.load()
/// let isolate = try catalog.action("ec2.isolate")
/// catalog.actions(for: .ec2Instance) // isolate, snapshot, stop, …
/// ```
public struct ActionCatalog: Sendable {
    /// In phase order, then by id.
    public private(set) var actions: [ActionDefinition]

    public init(actions: [ActionDefinition]) {
        self.actions = actions.sorted { ($0.phase, $0.id) < ($1.phase, $1.id) }
    }

    /// The built-ins, overridden by the definitions found in the locator's folders.
    public static func load(locator: ActionCatalogLocator = ActionCatalogLocator()) throws(ActionCatalogError) -> ActionCatalog {
        var byID: [String: ActionDefinition] = [:]
        for file in BuiltinActionFiles.all {
            let definition = try ActionDefinition.load(json: Data(file.json.utf8), file: "built-in:\(file.path)")
            byID[definition.id] = definition
        }
        // Lowest priority first, so higher ones override.
        for directory in locator.searchDirectories.reversed() {
            var seenHere: [String: String] = [:]
            for url in ActionCatalogLocator.definitionFiles(in: directory) {
                let data: Data
                do { data = try Data(contentsOf: url) } catch {
                    throw ActionCatalogError(file: url.path, field: "", reason: "cannot be read")
                }
                let definition = try ActionDefinition.load(json: data, file: url.path)
                if let other = seenHere[definition.id] {
                    throw ActionCatalogError(file: url.path, field: "id", reason: "'\(definition.id)' is also defined in \(other)")
                }
                seenHere[definition.id] = url.path
                byID[definition.id] = definition
            }
        }
        return ActionCatalog(actions: Array(byID.values))
    }

    /// The action with this id.
    public func action(_ id: String) throws -> ActionDefinition {
        let key = id.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = actions.first(where: { $0.id == key }) else {
            throw IncidentError.notFound("no action '\(id.terminalSafe)'; see firebreak action list")
        }
        return found
    }

    /// The actions that apply to a kind of resource.
    public func actions(for kind: ResourceKind) -> [ActionDefinition] {
        actions.filter { $0.kinds.contains(kind) }
    }
}
