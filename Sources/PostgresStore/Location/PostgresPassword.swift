import Foundation

/// The password for a PostgreSQL location, from where libpq looks: `PGPASSWORD`,
/// else the password file (`PGPASSFILE`, else `~/.pgpass`), whose lines are
/// `host:port:database:user:password` with `*` for any and `\` escaping `:`.
/// As libpq, a password file others can read is ignored.
enum PostgresPassword {
    static func lookUp(for location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return match(text, location)
    }

    /// The first line of a password file that matches the location.
    static func match(_ text: String, _ location: PostgresLocation) -> String? {
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && PostgresLocation.isLoopback(value))
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// Splits one line at unescaped colons, unescaping `\:` and `\\`.
    private static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
