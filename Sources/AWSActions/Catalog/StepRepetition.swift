import Foundation

/// A step made once per element of a captured list (`"forEach": "versions"`):
/// one `head-object` per version, one `copy-object` per version to keep.
/// Each element is an object; the fields the step names in `each` become
/// placeholders for that call only (`"each": ["key", "version-id"]` gives
/// `{key}` and `{version-id}`). Every call is recorded; the step's capture is
/// the list of the calls' outputs in the list's order. The first call that
/// fails stops the resource's run once the calls already started end, so a
/// later step (a delete) never runs after a failed copy.
public struct StepRepetition: Sendable, Equatable {
    /// The capture holding the list.
    public var list: String
    /// The element's fields the step uses, as placeholder names.
    public var fields: [String]

    public init(list: String, fields: [String]) {
        self.list = list
        self.fields = fields
    }

    static func parse(_ field: JSONField?, each: JSONField?, batch: Bool) throws(ActionCatalogError) -> StepRepetition? {
        guard let field else {
            if let each { throw each.fail("each goes with forEach") }
            return nil
        }
        let list = try field.nonEmptyString()
        if batch { throw field.fail("a repeated step cannot also be batched") }
        var fields: [String] = []
        for name in try each?.array() ?? [] {
            let text = try name.string()
            guard ArgumentTemplate.placeholderName("{\(text)}")?.spread == false else { throw name.fail("expected lowercase letters, digits and '-'") }
            fields.append(text)
        }
        if fields.isEmpty { throw (each ?? field).fail("name the element's fields the step uses in each") }
        return StepRepetition(list: list, fields: fields)
    }

    /// The elements of the list in `values`: none when it is absent or empty.
    func elements(in values: TemplateValues) -> [Any] {
        switch values.object(list) {
        case let list as [Any]: return list.filter { !($0 is NSNull) }
        case nil, is NSNull: return []
        case let other?: return [other]
        }
    }

    /// `values` with one element's fields set (a field the element lacks stays unset, so rendering says so).
    func values(_ values: TemplateValues, for element: Any) -> TemplateValues {
        var result = values
        let object = element as? [String: Any] ?? [:]
        for name in fields {
            guard let value = object[name], !(value is NSNull) else { continue }
            result.set(name, json: TemplateValues.canonical(value))
        }
        return result
    }
}
