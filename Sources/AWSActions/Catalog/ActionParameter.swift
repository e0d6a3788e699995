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
        /// One or more IPv4 or IPv6 CIDR blocks, comma-separated (`198.51.100.0/24,2001:db8::/32`),
        /// given to steps as a list (at most 20: a network ACL's default entries per direction).
        case cidrs = "cidr-list"
        /// An IP address or a DNS name: a record's new value.
        case recordValue = "record-value"
        /// One line of printable text without a leading '-'.
        case text
        /// One of the definition's `choices`, e.g. `enabled` or `disabled`.
        case choice
        /// A whole number within the definition's `min` and `max`.
        case integer
        /// A time: RFC 3339 (`2026-05-01T09:30:00Z`), or a duration before now (`90m`, `6h`, `2d`).
        case time
        /// A time as `time` takes it, passed as epoch milliseconds (CloudWatch Logs' `--start-time`).
        case epochMilliseconds = "time-ms"
        /// An S3 key or prefix: printable, up to 1,024 bytes, no quote or backslash.
        case s3Key = "s3-key"
        /// An IAM role's ARN (`arn:aws:iam::123456789012:role/flow-logs`), e.g. the role a service delivers with.
        case roleARN = "role-arn"
        /// An S3 bucket name: 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit.
        case s3Bucket = "s3-bucket"
        /// One or more IAM role ARNs, comma-separated, given to steps as a list
        /// (at most 10): the responder roles a containing policy leaves out.
        case roleARNs = "role-arn-list"
        /// The name of an environment variable of Firebreak's own process that
        /// holds a secret (a new password). The name is what is recorded; the
        /// value goes only into the call, masked wherever a call is shown or
        /// recorded, so it never reaches the command line, the database or the screen.
        case secretFromEnvironment = "secret-env"
        /// A 12-digit AWS account id, e.g. a forensic account a snapshot is shared with.
        case accountID = "account-id"
        /// A role session name or source identity: 2-64 letters, digits and `_+=,.@-`, as STS takes them.
        case sessionName = "session-name"
    }

    public var name: String
    public var summary: String
    public var shape: Shape
    /// Used when the operator gives none; nil with `required` false leaves the placeholder empty.
    public var defaultValue: String?
    public var required: Bool
    /// The values a `choice` takes.
    public var choices: [String]
    /// The bounds of an `integer`.
    public var range: ClosedRange<Int>?

    public init(name: String, summary: String, shape: Shape, defaultValue: String? = nil, required: Bool = false,
                choices: [String] = [], range: ClosedRange<Int>? = nil) {
        self.name = name
        self.summary = summary
        self.shape = shape
        self.defaultValue = defaultValue
        self.required = required
        self.choices = choices
        self.range = range
    }

    /// Checks `value` against the shape, throwing a one-line reason; returns
    /// the value as it is passed (a `time` becomes RFC 3339 in UTC).
    public func validate(_ value: String, now: Date = Date()) throws -> String {
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
        case .cidrs:
            let blocks = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...20).contains(blocks.count) else { throw reject("expected 1-20 CIDR blocks separated by commas") }
            for block in blocks where !ActionParameter.isCIDR(block) {
                throw reject("'\(block.terminalSafe)' is not an IPv4 or IPv6 CIDR block such as 198.51.100.0/24 or 2001:db8::/32")
            }
            if Set(blocks).count != blocks.count { throw reject("a CIDR block is named twice") }
            return blocks.joined(separator: ",")
        case .recordValue:
            let isAddress = (try? ResourceIdentifier(parsing: value, kind: .ipAddress)) != nil
            let isName = (1...253).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }
            guard isAddress || isName else { throw reject("expected an IP address or a DNS name") }
        case .text:
            guard (1...256).contains(value.count) else { throw reject("expected 1-256 characters") }
        case .choice:
            guard choices.contains(value) else { throw reject("expected one of \(choices.joined(separator: ", "))") }
        case .integer:
            guard let number = Int(value), value.allSatisfy(\.isNumber), range.map({ $0.contains(number) }) ?? true else {
                throw reject(range.map { "expected a whole number \($0.lowerBound)-\($0.upperBound)" } ?? "expected a whole number")
            }
        case .time:
            guard let time = ActionParameter.time(value, now: now) else {
                throw reject("expected an RFC 3339 time (2026-05-01T09:30:00Z) or a duration before now (90m, 6h, 2d)")
            }
            return ActionParameter.rfc3339(time)
        case .epochMilliseconds:
            guard let time = ActionParameter.time(value, now: now) else {
                throw reject("expected an RFC 3339 time (2026-05-01T09:30:00Z) or a duration before now (90m, 6h, 2d)")
            }
            return String(Int64((time.timeIntervalSince1970 * 1000).rounded(.down)))
        case .s3Key:
            guard (1...1024).contains(value.utf8.count), !value.contains("'"), !value.contains("\\") else {
                throw reject("expected an S3 key or prefix of 1-1,024 bytes without quotes or backslashes")
            }
        case .s3Bucket:
            let allowed = value.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
            guard (3...63).contains(value.count), allowed, value.first!.isLetter || value.first!.isNumber,
                  value.last!.isLetter || value.last!.isNumber else {
                throw reject("expected an S3 bucket name: 3-63 lowercase letters, digits, '.' and '-'")
            }
        case .accountID:
            guard value.count == 12, value.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw reject("expected a 12-digit AWS account id") }
        case .sessionName:
            let allowed = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) }
            guard (2...64).contains(value.count), allowed else {
                throw reject("expected a role session name: 2-64 letters, digits and _+=,.@-")
            }
        case .roleARN:
            guard ActionParameter.isRoleARN(value) else {
                throw reject("expected an IAM role ARN such as arn:aws:iam::123456789012:role/flow-logs")
            }
        case .secretFromEnvironment:
            guard value.range(of: #"^[A-Za-z_][A-Za-z0-9_]{0,127}$"#, options: .regularExpression) != nil else {
                throw reject("expected the name of an environment variable holding the value (NEW_DB_PASSWORD), never the value itself")
            }
            guard let secret = ProcessInfo.processInfo.environment[value], !secret.isEmpty else {
                throw reject("the environment variable \(value) is not set or is empty")
            }
            // Said without the value: a reason is shown and may be recorded.
            if secret.hasPrefix("-") { throw reject("the value in \(value) starts with '-', which the AWS CLI would read as a flag") }
            if secret.firstControlCharacter != nil { throw reject("the value in \(value) contains a control character (a newline)") }
            if CLIValueExpansion.of(secret) != nil { throw reject("the value in \(value) would make the AWS CLI read a file or a URL instead") }
            if secret.utf8.count > 65_536 { throw reject("the value in \(value) is longer than 64 KB") }
            if secret.contains(SecretRedactor.placeholder) { throw reject("the value in \(value) holds \(SecretRedactor.placeholder)") }
        case .roleARNs:
            let roles = ActionParameter.list(value)
            guard (1...10).contains(roles.count), roles.count == value.split(separator: ",", omittingEmptySubsequences: false).count else {
                throw reject("expected 1-10 IAM role ARNs separated by commas")
            }
            if let bad = roles.first(where: { !ActionParameter.isRoleARN($0) }) {
                throw reject("'\(bad.terminalSafe)' is not an IAM role ARN such as arn:aws:iam::123456789012:role/responder")
            }
            if Set(roles).count != roles.count { throw reject("a role is named twice") }
            return roles.joined(separator: ",")
        }
        return value
    }
}

extension ActionParameter {
    /// `a.b.c.d/0-32` or an IPv6 address `/0-128`, as the EC2 API takes them.
    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let bits = Int(parts[1]) else { return false }
        let address = String(parts[0])
        var buffer = [UInt8](repeating: 0, count: 16)
        if address.contains(":") { return bits <= 128 && inet_pton(AF_INET6, address, &buffer) == 1 }
        return bits <= 32 && address.split(separator: ".").count == 4 && inet_pton(AF_INET, address, &buffer) == 1
    }

    /// The secret a `secret-env` parameter names, read from Firebreak's environment.
    static func environmentSecret(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `arn:aws:iam::ACCOUNT:role/PATH/NAME`.
    static func isRoleARN(_ text: String) -> Bool {
        guard let arn = try? ARN(parsing: text) else { return false }
        return arn.service == "iam" && arn.resource.hasPrefix("role/") && arn.resource.count > 5
    }

    /// The list a `cidr-list` or `role-arn-list` value gives steps.
    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `text` as a time: RFC 3339, or a number of minutes, hours or days before `now`.
    static func time(_ text: String, now: Date) -> Date? {
        if let unit = text.last, let amount = Int(text.dropLast()), amount >= 0, text.dropLast().allSatisfy(\.isNumber) {
            let seconds: Double? = ["m": 60, "h": 3600, "d": 86400][unit]
            return seconds.map { now.addingTimeInterval(-Double(amount) * $0) }
        }
        // Strictly, as every time is read: 2026-02-30 is refused, not rolled over to March.
        return try? Timestamp.parse(text)
    }

    /// RFC 3339 in UTC to the second, the form AWS and `{now}` use.
    public static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
