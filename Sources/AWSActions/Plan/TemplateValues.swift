import Foundation
import IncidentModel

/// The values placeholders take for one resource of one run, each held as
/// JSON text (captures are the JSON the CLI printed), and the rendering of
/// templates into whole arguments.
public struct TemplateValues: Sendable, Equatable {
    /// Name → JSON text.
    public private(set) var values: [String: String]
    /// The values of secret parameters (`secret-env`): sent to AWS, masked
    /// wherever a call is shown or recorded (`SecretMask`).
    public private(set) var secrets: [String] = []

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public mutating func set(_ name: String, string: String) {
        values[name] = TemplateValues.jsonText(string)
    }

    public mutating func set(_ name: String, json: String) {
        values[name] = json
    }

    /// A parameter's value: numbers as JSON numbers (a TTL inside a JSON
    /// document must be one), everything else as a string.
    public mutating func set(_ parameter: ActionParameter, value: String) {
        if parameter.shape == .port || parameter.shape == .integer, Int(value) != nil {
            set(parameter.name, json: value)
        } else if parameter.shape == .secretFromEnvironment {
            // Unset (an undo in another shell): left absent, never the variable's name in its place.
            guard let secret = ActionParameter.environmentSecret(value) else { return }
            set(parameter.name, string: secret)
            secrets.append(secret)
        } else if parameter.shape == .cidrs || parameter.shape == .roleARNs {
            set(parameter.name, json: TemplateValues.canonical(ActionParameter.list(value)))
        } else {
            set(parameter.name, string: value)
        }
    }

    /// The value as a Foundation JSON object, nil when absent.
    func object(_ name: String) -> Any? {
        guard let text = values[name] else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Absent, null, "", [] and {} are empty: what `when` and `unless` test.
    public func isEmpty(_ name: String) -> Bool {
        switch object(name) {
        case nil, is NSNull: return true
        case let text as String: return text.isEmpty
        case let list as [Any]: return list.isEmpty
        case let object as [String: Any]: return object.isEmpty
        default: return false
        }
    }

    /// A problem rendering a template.
    enum RenderError: Error, Equatable {
        /// The value is not known yet (a capture of a step that has not run).
        case missing(String)
        /// The value cannot stand where it is used (a list where one argument goes, a leading '-').
        case refused(String)
    }

    /// The arguments a template gives; a spread gives one argument per list element.
    func render(_ argument: ArgumentTemplate) throws(RenderError) -> [String] {
        switch argument {
        case .literal(let text):
            return [text]
        case .placeholder(let name):
            guard values[name] != nil else { throw .missing(name) }
            return [try scalar(object(name), name: name)]
        case .spread(let name):
            guard values[name] != nil else { throw .missing(name) }
            switch object(name) {
            case let list as [Any]: return try list.map { element throws(RenderError) in try scalar(element, name: name) }
            case let other: return [try scalar(other, name: name)]
            }
        case .json(let text):
            let template = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? NSNull()
            let filled = TemplateValues.canonical(try fill(template))
            if filled.contains(SecretRedactor.placeholder) && !text.contains(SecretRedactor.placeholder) {
                throw .refused("a value in this JSON argument was redacted as a secret when it was recorded, so its real value is not known; the placeholder is not sent to AWS")
            }
            return [filled]
        case .query(let text):
            return [try query(text)]
        }
    }

    /// A JMESPath expression with each `{name}` replaced by the raw string
    /// literal `'value'`. A value holding a quote, a backslash or a control
    /// character is refused rather than escaped: ids and names never need them.
    private func query(_ text: String) throws(RenderError) -> String {
        var result = ""
        var position = text.startIndex
        for match in ArgumentTemplate.partialPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            let name = String(text[range].dropFirst().dropLast())
            guard values[name] != nil else { throw .missing(name) }
            let value = try scalar(object(name), name: name, inQuery: true)
            if value.contains("'") || value.contains("\\") {
                throw .refused("{\(name)} = '\(value.terminalSafe)' cannot stand inside a query literal")
            }
            result += text[position..<range.lowerBound] + "'" + value + "'"
            position = range.upperBound
        }
        return result + text[position...]
    }

    /// A JSON template (an `expect`) with its placeholders filled, as a JSON object.
    func fill(json text: String) throws(RenderError) -> Any {
        try fill((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? NSNull())
    }

    private func fill(_ value: Any) throws(RenderError) -> Any {
        switch value {
        case let text as String:
            guard let (name, _) = ArgumentTemplate.placeholderName(text) else { return text }
            guard values[name] != nil, let filled = object(name) else { throw .missing(name) }
            return filled
        case let list as [Any]:
            return try list.map { element throws(RenderError) in try fill(element) }
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, element) in object { result[key] = try fill(element) }
            return result
        default:
            return value
        }
    }

    /// One whole argument from a value. Values come from AWS output and from
    /// operators, so one that could read as a flag, carries a control
    /// character, or would make the CLI read a file or a URL is refused
    /// rather than passed.
    private func scalar(_ value: Any?, name: String, inQuery: Bool = false) throws(RenderError) -> String {
        let text: String
        switch value {
        case let string as String: text = string
        case let flag as Bool where type(of: value!) == Bool.self: text = flag ? "true" : "false"
        // JSON's true and false arrive as boolean NSNumbers (type code "c"): put back as the CLI printed them, not as 1 and 0.
        case let number as NSNumber where String(cString: number.objCType) == "c": text = number.boolValue ? "true" : "false"
        case let number as NSNumber: text = number.stringValue
        case nil, is NSNull: throw .missing(name)
        default: throw .refused("{\(name)} is a list or an object where one argument goes")
        }
        if text.isEmpty { throw .missing(name) }
        if text.hasPrefix("-") && !inQuery { throw .refused("{\(name)} = '\(text.terminalSafe)' starts with '-' and could be read as a flag") }
        if text.firstControlCharacter != nil { throw .refused("{\(name)} = '\(text.terminalSafe)' contains a control character") }
        // Captures are kept redacted: a value that was a secret (or looked like one) is a placeholder, never what AWS sent.
        if text.contains(SecretRedactor.placeholder) {
            throw .refused("{\(name)} was redacted as a secret when it was recorded, so its real value is not known; the placeholder is not sent to AWS")
        }
        // A whole argument the CLI would replace by a file's or a URL's contents (a query literal is never expanded).
        if !inQuery, let expansion = CLIValueExpansion.of(text) { throw .refused("{\(name)} = '\(text.terminalSafe)' \(expansion)") }
        return text
    }

    static func jsonText(_ string: String) -> String {
        canonical(string)
    }

    /// Canonical JSON text: sorted keys, no escaped slashes.
    static func canonical(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `value` with every list sorted by its elements' canonical text, so comparisons ignore order.
    static func normalized(_ value: Any) -> Any {
        switch value {
        case let list as [Any]: return list.map(normalized).sorted { canonical($0) < canonical($1) }
        case let object as [String: Any]: return object.mapValues(normalized)
        default: return value
        }
    }
}
