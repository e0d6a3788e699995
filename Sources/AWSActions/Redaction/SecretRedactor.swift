import Foundation

/// Replaces secrets in AWS CLI output before anything stores or shows it:
/// secret access keys, session tokens, passwords, private keys and key material.
///
/// The runner applies it to every stdout and stderr, so the raw secret from,
/// say, `iam create-access-key` never reaches the database, the log pane or a report.
///
/// ```swift
/// SecretRedactor.redact(#"{"SecretAccessKey": "wJalr…"}"#) // {"SecretAccessKey": "[REDACTED]"}
/// ```
public enum SecretRedactor {
    /// What a secret is replaced with.
    public static let placeholder = "[REDACTED]"

    /// JSON keys whose string values are secrets, in any case.
    static let secretKeys = [
        "SecretAccessKey", "SessionToken", "Password", "PasswordData", "PrivateKey", "PrivateKeyPlaintext",
        "KeyMaterial", "Plaintext", "SecretString", "SecretBinary", "aws_secret_access_key", "aws_session_token",
        "CertificatePrivateKey", "OldPassword", "NewPassword", "ClientSecret",
    ]

    private static let patterns: [(NSRegularExpression, String)] = {
        let keys = secretKeys.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let sources: [(String, String)] = [
            // "Key": "value" in JSON, escaped quotes inside the value included.
            (#"("(?:\#(keys))"\s*:\s*")(?:[^"\\]|\\.)*(")"#, "$1\(placeholder)$2"),
            // Key<tab or spaces or = or :>value in text output and config files.
            (#"(?m)(\b(?:\#(keys))\b[ \t]*[=:\t][ \t]*)[^\s"',}]+"#, "$1\(placeholder)"),
            // PEM private keys, whole.
            (#"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)"#, placeholder),
        ]
        return sources.map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }
    }()

    /// `text` with every secret replaced by `placeholder`.
    public static func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var result = text
        for (pattern, template) in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }
}
