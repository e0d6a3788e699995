import Foundation
import IncidentModel

/// Field access with the reasons a person needs.
///
/// Keys are found as written (`InstanceDetails`, what `guardduty get-findings`
/// prints), with a lowercase first letter (`instanceDetails`, what EventBridge
/// and GuardDuty's S3 export write), or in any case (`sourceIPs` for `SourceIps`).
struct FindingFields {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String = "") {
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value under `key` in any of the spellings above; `null` counts as absent.
    func value(_ key: String) -> Any? {
        let found = object[key] ?? object[key.prefix(1).lowercased() + key.dropFirst()]
            ?? object.first(where: { $0.key.caseInsensitiveCompare(key) == .orderedSame })?.value
        return found is NSNull ? nil : found
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func string(_ key: String) throws(FindingFieldError) -> String {
        guard let value = value(key) else { throw FindingFieldError("\(name(key)) is missing") }
        guard let text = value as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FindingFieldError("\(name(key)) is not a non-empty string")
        }
        return text
    }

    func optionalString(_ key: String) throws(FindingFieldError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value as? String else { throw FindingFieldError("\(name(key)) is not a string") }
        return text.isEmpty ? nil : text
    }

    /// A string, or nil when absent, empty or not a string (for fields whose oddness costs nothing).
    func text(_ key: String) -> String? {
        guard let text = value(key) as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }

    /// Strings under `key`, whatever else the list holds.
    func texts(_ key: String) -> [String] {
        (value(key) as? [Any] ?? []).compactMap { $0 as? String }.filter { !$0.isEmpty }
    }

    func object(_ key: String) throws(FindingFieldError) -> FindingFields? {
        guard let value = value(key) else { return nil }
        guard let child = value as? [String: Any] else { throw FindingFieldError("\(name(key)) is not an object") }
        return FindingFields(child, path: name(key))
    }

    /// The object under `key`, or nil when absent or not an object.
    func child(_ key: String) -> FindingFields? {
        (value(key) as? [String: Any]).map { FindingFields($0, path: name(key)) }
    }

    /// The objects of the list under `key`, skipping anything else.
    func children(_ key: String) -> [FindingFields] {
        guard let list = value(key) as? [Any] else { return [] }
        return list.enumerated().compactMap { index, element in
            (element as? [String: Any]).map { FindingFields($0, path: "\(name(key))[\(index)]") }
        }
    }

    func objects(_ key: String) throws(FindingFieldError) -> [FindingFields] {
        guard let value = value(key) else { return [] }
        guard let list = value as? [Any] else { throw FindingFieldError("\(name(key)) is not an array") }
        var result: [FindingFields] = []
        for (index, element) in list.enumerated() {
            guard let child = element as? [String: Any] else { throw FindingFieldError("\(name(key))[\(index)] is not an object") }
            result.append(FindingFields(child, path: "\(name(key))[\(index)]"))
        }
        return result
    }

    func time(_ key: String) throws(FindingFieldError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = FindingText.time(text) else { throw FindingFieldError("\(name(key)) '\(text.terminalSafe)' is not an RFC 3339 time") }
        return date
    }

    func id(_ key: String = "Id") throws(FindingFieldError) -> String {
        let id = try string(key)
        if id.firstControlCharacter != nil { throw FindingFieldError("\(name(key)) contains a control character") }
        if id.count > 512 { throw FindingFieldError("\(name(key)) is longer than 512 characters") }
        return id
    }

    /// A region field: absent, or well formed.
    func region(_ key: String) throws(FindingFieldError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard AWSRegion.isWellFormed(text) else { throw FindingFieldError("\(name(key)) '\(text.terminalSafe)' is not a region name") }
        return text
    }

    /// An account field: absent, or 12 digits.
    func account(_ key: String) throws(FindingFieldError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard (try? AWSAccount.validate(text)) == text else { throw FindingFieldError("\(name(key)) '\(text.terminalSafe)' is not a 12-digit account id") }
        return text
    }
}
