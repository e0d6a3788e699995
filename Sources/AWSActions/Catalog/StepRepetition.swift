import Foundation

/// A step repeated over a captured list, once per element:
/// `"forEach": "interfaces", "as": "eni"` makes one call (and one recorded
/// step) per network interface the record stage captured.
///
/// Inside the step, `{eni}` is a string element; for an object element
/// `{eni.id}` is one of its fields and `{eni.groups...}` spreads a list field.
/// `when` and `unless` may test a field (`"when": "eni.ipv6"`). `among` keeps
/// only the elements whose key is in another captured list (the interfaces a
/// later read found still on a group).
public struct StepRepetition: Sendable, Equatable {
    /// The capture holding the list.
    public var list: String
    /// The name each element takes in the step's templates.
    public var item: String
    /// When set: only the elements whose key is in this captured list.
    public var among: String?

    public init(list: String, item: String, among: String? = nil) {
        self.list = list
        self.item = item
        self.among = among
    }

    /// True for a placeholder this repetition gives: `{eni}`, `{eni.id}`.
    func gives(_ name: String) -> Bool {
        name == item || name.hasPrefix(item + ".")
    }

    /// What identifies an element in the record and in `among`: a string or
    /// number as it is; an object's `id` (or `Id`), else its canonical JSON.
    static func key(of element: Any) -> String {
        switch element {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        case let object as [String: Any]:
            if let id = (object["id"] ?? object["Id"]).map({ ($0 as? String) ?? TemplateValues.canonical($0) }) { return id }
            return TemplateValues.canonical(object)
        default: return TemplateValues.canonical(element)
        }
    }

    /// One repetition: its key and the values it adds to the step's own.
    struct Element {
        var key: String
        var values: [String: String]
    }

    /// Why a repetition's list cannot be walked.
    enum Problem: Error, Equatable {
        /// The list is not captured yet (a step that has not run).
        case missing(String)
        /// The capture holds something other than a list.
        case notAList(String)
    }

    /// The repetitions `values` give, in the list's order; an absent or null
    /// list is `missing`, so a plan can show the step templated.
    func elements(in values: TemplateValues) throws(Problem) -> [Element] {
        guard values.values[list] != nil else { throw .missing(list) }
        let found = values.object(list)
        if found is NSNull { return [] }
        guard let elements = found as? [Any] else { throw .notAList(list) }
        var wanted: Set<String>?
        if let among {
            guard values.values[among] != nil else { throw .missing(among) }
            switch values.object(among) {
            case let keys as [Any]: wanted = Set(keys.map(Self.key))
            case nil, is NSNull: wanted = []
            case let other?: wanted = [Self.key(of: other)]
            }
        }
        return elements.compactMap { element in
            let key = Self.key(of: element)
            if let wanted, !wanted.contains(key) { return nil }
            var added = [item: TemplateValues.canonical(element)]
            if let object = element as? [String: Any] {
                for (field, value) in object { added["\(item).\(field)"] = TemplateValues.canonical(value) }
            }
            return Element(key: key, values: added)
        }
    }
}
