import Foundation

/// A value inside a definition document, with its path, so every complaint
/// names the exact field (`steps[2].argv[0]`).
struct JSONField {
    let value: Any
    let path: String
    let file: String

    func fail(_ reason: String) -> ActionCatalogError {
        ActionCatalogError(file: file, field: path, reason: reason)
    }

    func child(_ key: String, _ value: Any) -> JSONField {
        JSONField(value: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    func object(allowing keys: Set<String>) throws(ActionCatalogError) -> [String: JSONField] {
        guard let dictionary = value as? [String: Any] else { throw fail("expected an object") }
        if let unknown = dictionary.keys.sorted().first(where: { !keys.contains($0) }) {
            throw child(unknown, dictionary[unknown]!).fail("unknown field (expected one of \(keys.sorted().joined(separator: ", ")))")
        }
        return dictionary.reduce(into: [:]) { $0[$1.key] = child($1.key, $1.value) }
    }

    func array() throws(ActionCatalogError) -> [JSONField] {
        guard let list = value as? [Any] else { throw fail("expected an array") }
        return list.enumerated().map { JSONField(value: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    func string() throws(ActionCatalogError) -> String {
        guard let text = value as? String else { throw fail("expected a string") }
        if let control = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail("contains a control character (U+\(String(control.value, radix: 16, uppercase: true)))")
        }
        return text
    }

    func nonEmptyString() throws(ActionCatalogError) -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("is empty") }
        return text
    }

    func bool() throws(ActionCatalogError) -> Bool {
        guard let flag = value as? Bool, type(of: value) == type(of: true as Any) || value is NSNumber else { throw fail("expected true or false") }
        return flag
    }
}

extension Dictionary where Key == String, Value == JSONField {
    func required(_ key: String, in parent: JSONField) throws(ActionCatalogError) -> JSONField {
        guard let field = self[key] else { throw parent.child(key, NSNull()).fail("is required") }
        return field
    }
}
