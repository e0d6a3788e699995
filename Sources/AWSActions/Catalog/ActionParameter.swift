import Foundation
import IncidentModel

/// A value the operator gives with `--param name=value`, checked against its shape
/// before it can reach an argument.
public struct ActionParameter: Sendable, Equatable {
    /// The shapes a parameter value may have.
    public enum Shape: String, Sendable, CaseIterable {
        /// A TCP or UDP port, 0-65535.
        case port
        /// An IPv4 CIDR block such as 10.0.0.0/8 or 203.0.113.7/32.
        case cidr
        /// An IP address or a DNS name: a record's new value.
        case recordValue = "record-value"
        /// One line of printable text without a leading '-'.
        case text
    }

    public var name: String
    public var summary: String
    public var shape: Shape
    /// Used when the operator gives none; nil with `required` false leaves the placeholder empty.
    public var defaultValue: String?
    public var required: Bool

    public init(name: String, summary: String, shape: Shape, defaultValue: String? = nil, required: Bool = false) {
        self.name = name
        self.summary = summary
        self.shape = shape
        self.defaultValue = defaultValue
        self.required = required
    }

    /// Checks `value` against the shape, throwing a one-line reason.
    public func validate(_ value: String) throws -> String {
        let reject = { (why: String) in IncidentError.invalidInput("--param \(self.name)='\(value.terminalSafe)': \(why)") }
        if value.hasPrefix("-") { throw reject("a value may not start with '-'") }
        if value.firstControlCharacter != nil { throw reject("contains a control character") }
        switch shape {
        case .port:
            guard let port = Int(value), (0...65535).contains(port), value.allSatisfy(\.isNumber) else { throw reject("expected a port number 0-65535") }
        case .cidr:
            let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits), parts[1].allSatisfy(\.isNumber),
                  (try? ResourceIdentifier(parsing: String(parts[0]), kind: .ipAddress)) != nil, parts[0].contains(".") else {
                throw reject("expected an IPv4 CIDR block such as 203.0.113.7/32")
            }
        case .recordValue:
            let isAddress = (try? ResourceIdentifier(parsing: value, kind: .ipAddress)) != nil
            let isName = (1...253).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }
            guard isAddress || isName else { throw reject("expected an IP address or a DNS name") }
        case .text:
            guard (1...256).contains(value.count) else { throw reject("expected 1-256 characters") }
        }
        return value
    }
}
