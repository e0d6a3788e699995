/// What the name a value sits under says about the value: a JSON key, an
/// environment variable, a `key = value` line.
///
/// A name is split into words (snake, camel and kebab case alike:
/// `DB_PASSWORD`, `clientSecret`, `x-api-key`), and what decides is its last
/// word or words, so `SessionToken` names a secret while `TokenIssueTime`,
/// `PasswordLastUsed` and `SecretArn` (a time, a date, an ARN) do not, and
/// AWS's own pagination and idempotency tokens (`NextToken`, `ClientToken`,
/// `LockToken`) stay usable.
enum SecretKeyName: Equatable {
    /// The value is a secret, whatever it looks like.
    case secret
    /// The value may be key material (`SigningKey`, `session`, `salt`): a secret if it looks random.
    case hint
    /// Nothing secret about the name.
    case plain

    /// Names AWS and common tools use for secrets that the word rule does not catch.
    static let named: Set<String> = [
        "passworddata", "keymaterial", "plaintext", "secretstring", "secretbinary", "privatekeyplaintext",
        "connectionstring", "authorization", "proxyauthorization", "xamzsecuritytoken", "cookie", "setcookie",
    ]
    /// Last words that make a name a secret's.
    static let secretWords: Set<String> = [
        "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "credential", "credentials",
        "apikey", "privatekey", "secretkey", "accesstoken", "refreshtoken", "authtoken", "clientsecret", "pat",
    ]
    /// Last two words that do.
    static let secretPairs: Set<String> = ["api key", "private key", "secret key", "signing secret", "master key", "encryption key"]
    /// Words before `token` that make it AWS's pagination, idempotency or locking token, not a credential.
    static let harmlessTokenPrefixes: Set<String> = [
        "next", "continuation", "pagination", "page", "client", "idempotency", "lock", "change", "sequence", "upload",
        "forward", "backward", "starting", "start", "marker", "resume", "request",
    ]
    /// Last words that hint at key material.
    static let hintWords: Set<String> = ["key", "signature", "sig", "salt", "seed", "session", "cookie", "bearer", "hmac", "otp", "jwt", "nonce"]

    /// Classifies a name given as UTF-8 bytes (a JSON key's text, escapes and all).
    static func classify<C: Collection>(_ name: C) -> SecretKeyName where C.Element == UInt8 {
        guard name.count <= 128 else { return .plain }
        let words = Self.words(name)
        guard let last = words.last else { return .plain }
        if named.contains(words.joined()) { return .secret }
        if last == "token" || last == "tokens", words.count >= 2, harmlessTokenPrefixes.contains(words[words.count - 2]) { return .plain }
        if last == "token", words.count >= 3, harmlessTokenPrefixes.contains(words[words.count - 3]) { return .plain }
        if secretWords.contains(last) { return .secret }
        if words.count >= 2 {
            let pair = words[words.count - 2] + " " + last
            if secretPairs.contains(pair) || (pair == "access key" && words.count >= 3 && words[words.count - 3] == "secret") { return .secret }
            if hintWords.contains(last) { return .hint }
        }
        if last != "key" && hintWords.contains(last) { return .hint }
        return .plain
    }

    /// Lowercase words: split at anything but a letter or a digit, at a
    /// lower-to-upper change (`clientSecret`) and before the last capital of
    /// a run followed by a lowercase letter (`APIKey` → api, key).
    static func words<C: Collection>(_ name: C) -> [String] where C.Element == UInt8 {
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(name)
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        for (index, byte) in bytes.enumerated() {
            let isUpper = byte >= 65 && byte <= 90, isLower = byte >= 97 && byte <= 122, isDigit = byte >= 48 && byte <= 57
            guard isUpper || isLower || isDigit else { flush(); continue }
            if isUpper, !current.isEmpty {
                let previous = bytes[index - 1]
                let previousLower = previous >= 97 && previous <= 122
                let previousUpper = previous >= 65 && previous <= 90
                let nextLower = index + 1 < bytes.count && bytes[index + 1] >= 97 && bytes[index + 1] <= 122
                if previousLower || (previousUpper && nextLower) { flush() }
            }
            current.append(isUpper ? byte + 32 : byte)
        }
        flush()
        return words
    }
}
