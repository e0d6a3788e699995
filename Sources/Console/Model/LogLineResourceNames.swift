import IncidentModel

/// The resources a log line names that Firebreak can add: every word that
/// parses as a resource id on its own (an ARN, `i-…`, `AKIA…`, `s3://…`, an
/// IP address), the kind inferred as `firebreak resource add` infers it.
///
/// Words end at spaces, commas, quotes, brackets and `=` (so `key=AKIA…` and
/// `"arn:…"` are found); a trailing `:`, `.`, `;` or `)` is not part of one.
/// CloudTrail lines name principals by ARN (`by arn:aws:iam::…:user/bob`), so
/// a principal is found like any other resource.
enum LogLineResourceNames {
    /// Words longer than this are not looked at (a base64 blob is no id).
    static let longestWord = 2048

    /// The names in `text`, each once, in order, with the kind each would be added as.
    static func candidates(in text: String) -> [(name: String, kind: ResourceKind)] {
        let separators: Set<Character> = [" ", ",", "\"", "'", "(", ")", "[", "]", "{", "}", "<", ">", "=", "|", "\t"]
        var found: [(name: String, kind: ResourceKind)] = []
        for word in text.split(whereSeparator: separators.contains) where word.count <= longestWord {
            var name = Substring(word)
            while let last = name.last, [":", ".", ";", "!", "?"].contains(last), !name.hasSuffix(":*") { name = name.dropLast() }
            // `198.51.100.7:44321` in a flow log is the address.
            if let colon = name.lastIndex(of: ":"), !name.hasPrefix("arn:"), name.filter({ $0 == ":" }).count == 1,
               name[name.index(after: colon)...].allSatisfy(\.isNumber) {
                name = name[..<colon]
            }
            let candidate = String(name)
            guard candidate.count >= 3, !found.contains(where: { $0.name == candidate }),
                  let reference = try? ResourceIdentifier(parsing: candidate) else { continue }
            found.append((candidate, reference.kind))
        }
        return found
    }
}
