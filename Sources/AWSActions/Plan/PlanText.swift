import Foundation
import IncidentModel

/// Text for people filled from a plan's values: a definition's `notice`, its
/// `confirm` text and a requirement's reason. `{name}` stands for a value,
/// `{name.Field}` for one field of a captured object (a summary the CLI's
/// `--query` built: `{summary.count}`); text as is, lists joined with ", ",
/// nothing as "none". Every value is made terminal-safe: it comes from AWS.
enum PlanText {
    static let pattern = try! NSRegularExpression(pattern: #"\{([a-z][a-z0-9-]*)(?:\.([A-Za-z][A-Za-z0-9-]*))?\}"#)

    /// The value names a text reads (without their fields).
    static func references(_ template: String) -> [String] {
        pattern.matches(in: template, range: NSRange(template.startIndex..., in: template)).compactMap { match in
            Range(match.range(at: 1), in: template).map { String(template[$0]) }
        }
    }

    /// `template` with each reference replaced; a name with no value is left as written.
    static func say(_ template: String, values: TemplateValues, leaveUnknown: Bool = false) -> String {
        var result = ""
        var position = template.startIndex
        for match in pattern.matches(in: template, range: NSRange(template.startIndex..., in: template)) {
            guard let range = Range(match.range, in: template), let nameRange = Range(match.range(at: 1), in: template) else { continue }
            let name = String(template[nameRange])
            let field = Range(match.range(at: 2), in: template).map { String(template[$0]) }
            result += template[position..<range.lowerBound]
            position = range.upperBound
            if leaveUnknown && values.values[name] == nil {
                result += template[range]
                continue
            }
            var value = values.object(name)
            if let field { value = (value as? [String: Any])?[field] }
            result += shown(value).terminalSafe
        }
        return result + template[position...]
    }

    static func shown(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "none"
        case let string as String: return string.isEmpty ? "none" : string
        case let number as NSNumber where String(cString: number.objCType) == "c": return number.boolValue ? "true" : "false"
        case let list as [Any] where list.contains(where: { $0 is NSNull }): return shown(list.filter { !($0 is NSNull) })
        case let list as [Any]: return list.isEmpty ? "none" : list.map { ($0 as? String) ?? TemplateValues.canonical($0) }.joined(separator: ", ")
        case let other?: return TemplateValues.canonical(other)
        }
    }
}
