import DataFolders
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

    /// The definition files found on the search path but not used, each with why
    /// (malformed, unreadable, writable by others, a duplicate id): one line each.
    public private(set) var skipped: [ActionCatalogError] = []

    /// The built-ins, overridden by the definitions found in the locator's folders.
    ///
    /// A file that cannot be used is skipped and named in `skipped`; the rest of
    /// the catalog loads. A skipped file that meant to override a built-in
    /// leaves the built-in in place, and its line says so. A file identical to
    /// the compiled-in copy (the repository's own `actions/` in a build tree)
    /// counts as the built-in. Throws only when a compiled-in definition is broken.
    public static func load(locator: ActionCatalogLocator = ActionCatalogLocator()) throws(ActionCatalogError) -> ActionCatalog {
        var byID: [String: ActionDefinition] = [:]
        var builtins: [String: (definition: ActionDefinition, text: String)] = [:]
        for file in BuiltinActionFiles.all {
            let definition = try ActionDefinition.load(json: Data(file.json.utf8), file: "built-in:\(file.path)")
            byID[definition.id] = definition
            builtins[definition.id] = (definition, file.json.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var skipped: [ActionCatalogError] = []
        // Lowest priority first, so higher ones override.
        for directory in locator.searchDirectories.reversed() {
            var seenHere: [String: String] = [:]
            for url in ActionCatalogLocator.definitionFiles(in: directory) {
                func skip(_ field: String, _ reason: String, id: String?) {
                    let kept = id.flatMap { byID[$0]?.source.hasPrefix("built-in:") == true ? $0 : nil }
                    skipped.append(ActionCatalogError(file: url.path, field: field,
                                                      reason: reason + (kept.map { "; skipped, the built-in \($0) stays" } ?? "; skipped")))
                }
                if let problem = DataFileTrust.problem(with: url, under: directory) {
                    skip("", problem, id: nil)
                    continue
                }
                let data: Data
                do { data = try Data(contentsOf: url) } catch {
                    skip("", "cannot be read", id: nil)
                    continue
                }
                let definition: ActionDefinition
                do throws(ActionCatalogError) { definition = try ActionDefinition.load(json: data, file: url.path) } catch {
                    skip(error.field, error.reason, id: declaredID(in: data))
                    continue
                }
                if let other = seenHere[definition.id] {
                    skip("id", "'\(definition.id)' is also defined in \(other)", id: nil)
                    continue
                }
                seenHere[definition.id] = url.path
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if let builtin = builtins[definition.id], builtin.text == text {
                    byID[definition.id] = builtin.definition
                } else {
                    byID[definition.id] = definition
                }
            }
        }
        var catalog = ActionCatalog(actions: Array(byID.values))
        catalog.skipped = skipped
        return catalog
    }

    /// The `id` a file that failed to load declares, if it is JSON with a string id.
    private static func declaredID(in data: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return (object["id"] as? String)?.lowercased()
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

extension ActionDefinition {
    /// The file the definition was read from, or nil for the compiled-in catalog.
    public var definitionFile: String? {
        source.hasPrefix("built-in:") || source.isEmpty ? nil : source
    }
}
