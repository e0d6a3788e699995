import Foundation

/// The account this process runs as, read from the system's user database
/// (`getpwuid(geteuid())`): the operator's name when `--as`,
/// `$FIREBREAK_OPERATOR` and `$USER` are all unset (cron, `env -i`, a service).
enum SystemAccount {
    /// The login name of the effective user; nil when the system has no entry for it.
    static func name() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        let text = String(cString: name)
        return text.isEmpty ? nil : text
    }
}
