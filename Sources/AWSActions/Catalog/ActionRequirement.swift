import Foundation
import IncidentModel

/// A precondition checked after the preview and record steps, before anything
/// changes, e.g. "a completed snapshot of every attached volume exists" before
/// a stop. Three forms:
///
/// - `{ "value": "x" }`: the capture `x` must be non-empty.
/// - `{ "absent": "x" }`: the capture `x` must be empty (a list of locked versions).
/// - `{ "value": "x", "within": "y" }`: every element of the list `x` must be in the list `y`;
///   the elements that are not are `{missing}` in the reason.
///
/// `--force` skips a requirement unless it says `"force": false` (AWS itself
/// would refuse part of the change, so forcing would only make a run half-done).
public struct ActionRequirement: Sendable, Equatable {
    /// The capture that must be non-empty (or, with `within`, whose every element must be there).
    public var value: String?
    /// The capture that must be empty.
    public var absent: String?
    /// With `value`: the list that must hold every element of `value`.
    public var within: String?
    /// Said when the requirement is not met, with how to proceed; `{name}` stands
    /// for a capture (lists joined with ", "), `{missing}` for what `within` lacks.
    public var reason: String
    /// Whether `--force` skips it.
    public var forceable: Bool

    public init(value: String? = nil, absent: String? = nil, within: String? = nil, reason: String, forceable: Bool = true) {
        self.value = value
        self.absent = absent
        self.within = within
        self.reason = reason
        self.forceable = forceable
    }

    /// The captures the requirement reads (a `name.Field` reads one field of the capture `name`).
    public var references: [String] { [value, absent, within].compactMap { $0?.split(separator: ".").first.map(String.init) } }

    /// Why the requirement is not met by `values`, in one line; nil when it is.
    func unmet(in values: TemplateValues) -> String? {
        var said = values
        if let absent, !Self.isEmpty(Self.lookup(absent, in: values)) { return PlanText.say(reason, values: said) }
        guard let value else { return nil }
        if let within {
            // Nothing to cover (an instance without EBS volumes) meets it.
            let wanted = Self.list(Self.lookup(value, in: values))
            let have = Set(Self.list(Self.lookup(within, in: values)).map(TemplateValues.canonical))
            let missing = wanted.filter { !have.contains(TemplateValues.canonical($0)) }
            guard !missing.isEmpty else { return nil }
            said.set("missing", json: TemplateValues.canonical(missing))
            return PlanText.say(reason, values: said)
        }
        return Self.isEmpty(Self.lookup(value, in: values)) ? PlanText.say(reason, values: said) : nil
    }

    /// Whether every capture it reads is known in `values` (so the plan can tell before running).
    func decidable(with values: TemplateValues) -> Bool {
        references.allSatisfy { values.values[$0] != nil }
    }

    /// A capture, or one field of it for `name.Field`.
    private static func lookup(_ reference: String, in values: TemplateValues) -> Any? {
        let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
        let object = values.object(parts[0])
        return parts.count == 2 ? (object as? [String: Any])?[parts[1]] : object
    }

    private static func isEmpty(_ value: Any?) -> Bool {
        switch value {
        case nil, is NSNull: return true
        case let text as String: return text.isEmpty
        case let list as [Any]: return list.allSatisfy { $0 is NSNull }
        case let object as [String: Any]: return object.isEmpty
        default: return false
        }
    }

    private static func list(_ value: Any?) -> [Any] {
        switch value {
        case nil, is NSNull: return []
        case let list as [Any]: return list.filter { !($0 is NSNull) }
        case let other?: return [other]
        }
    }
}
