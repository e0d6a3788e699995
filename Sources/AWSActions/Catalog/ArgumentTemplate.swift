import Foundation

/// One argument of a step: a literal, a placeholder that fills the whole
/// argument (`{resource}`), a spread of a captured list into several whole
/// arguments (`{groups...}`), or a JSON document whose string leaves may be
/// whole placeholders and which is rendered with proper escaping.
///
/// Placeholders never fill part of an argument, so no value can change how
/// the CLI splits or reads the arguments around it.
public enum ArgumentTemplate: Sendable, Equatable {
    case literal(String)
    case placeholder(String)
    case spread(String)
    /// A JSON document (kept as canonical text) with placeholders in whole string values.
    case json(String)
    /// A JMESPath expression; each `{name}` in it is rendered as the raw string literal `'value'`.
    case query(String)

    /// `{name}` or `{name...}`, lowercase letters, digits and hyphens; inside a
    /// repeated step also `{item.Field}` and `{item.Field...}`, a field of the
    /// item (see `StepRepetition`).
    static let placeholderPattern = try! NSRegularExpression(pattern: #"^\{([a-z][a-z0-9-]*(?:\.[A-Za-z][A-Za-z0-9]*)?)(\.\.\.)?\}$"#)
    /// A placeholder-looking fragment inside a longer string, which is refused.
    static let partialPattern = try! NSRegularExpression(pattern: #"\{[a-z][a-z0-9-]*(\.[A-Za-z][A-Za-z0-9]*)?(\.\.\.)?\}"#)

    /// A name a definition gives (a step, a capture, a parameter): lowercase letters, digits and '-', no field.
    static func isPlainName(_ text: String) -> Bool {
        placeholderName("{\(text)}").map { !$0.spread && !$0.name.contains(".") } ?? false
    }

    /// The placeholder name in `text` when it is exactly one whole placeholder.
    static func placeholderName(_ text: String) -> (name: String, spread: Bool)? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = placeholderPattern.firstMatch(in: text, range: range),
              let nameRange = Range(match.range(at: 1), in: text) else { return nil }
        return (String(text[nameRange]), match.range(at: 2).location != NSNotFound)
    }

    static func containsPartialPlaceholder(_ text: String) -> Bool {
        partialPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The placeholder names this argument uses.
    public var references: [String] {
        switch self {
        case .literal: return []
        case .placeholder(let name), .spread(let name): return [name]
        case .json(let text):
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return [] }
            return ArgumentTemplate.jsonReferences(object)
        case .query(let text):
            return ArgumentTemplate.queryReferences(text)
        }
    }

    /// The `{name}` placeholders inside a query expression, in order.
    static func queryReferences(_ text: String) -> [String] {
        partialPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range, in: text).flatMap { placeholderName(String(text[$0]))?.name }
        }
    }

    static func jsonReferences(_ value: Any) -> [String] {
        switch value {
        case let text as String: return placeholderName(text).map { [$0.name] } ?? []
        case let list as [Any]: return list.flatMap(jsonReferences)
        case let object as [String: Any]: return object.keys.sorted().flatMap { jsonReferences(object[$0]!) }
        default: return []
        }
    }

    /// Reads one argument of a definition.
    static func parse(_ field: JSONField) throws(ActionCatalogError) -> ArgumentTemplate {
        if let object = field.value as? [String: Any], object.count == 1, let query = object["query"] {
            let queryField = field.child("query", query)
            let text = try queryField.nonEmptyString()
            if text.contains("...}") { throw queryField.fail("a spread ({name...}) cannot stand in a query") }
            return .query(text)
        }
        if let object = field.value as? [String: Any] {
            guard object.count == 1, let document = object["json"] else {
                throw field.fail(#"an argument is a string, {"json": …} or {"query": …}"#)
            }
            try checkJSONLeaves(document, field: field.child("json", document))
            let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
            guard let data else { throw field.fail("not a JSON document") }
            return .json(String(decoding: data, as: UTF8.self))
        }
        let text = try field.string()
        if let (name, spread) = placeholderName(text) { return spread ? .spread(name) : .placeholder(name) }
        if containsPartialPlaceholder(text) {
            throw field.fail("placeholders must fill a whole argument ('\(text)')")
        }
        return .literal(text)
    }

    private static func checkJSONLeaves(_ value: Any, field: JSONField) throws(ActionCatalogError) {
        switch value {
        case let text as String:
            if let found = placeholderName(text), found.spread { throw field.fail("a spread ({name...}) cannot stand in JSON") }
            if placeholderName(text) == nil && containsPartialPlaceholder(text) {
                throw field.fail("placeholders must fill a whole JSON string ('\(text)')")
            }
        case let list as [Any]:
            for (index, element) in list.enumerated() { try checkJSONLeaves(element, field: JSONField(value: element, path: "\(field.path)[\(index)]", file: field.file)) }
        case let object as [String: Any]:
            for key in object.keys.sorted() { try checkJSONLeaves(object[key]!, field: field.child(key, object[key]!)) }
        default: break
        }
    }
}
